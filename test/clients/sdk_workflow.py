"""The member workflow with openstacksdk, in one process (python startup is slow).

Usage: sdk_workflow.py FIXTURES_JSON NAME TAG FILE. Prints one JSON line per step:
{"step": ..., "exit": 0 or 1, "out": result or "ExceptionClass: message"}.
"""
import json
import sys

import openstack

fixtures_path, name, tag, data_file = sys.argv[1:5]
with open(fixtures_path) as f:
    fx = json.load(f)


def connect(role):
    return openstack.connect(
        auth_url=fx["authUrl"],
        username=fx["users"][role]["name"],
        password=fx["users"][role]["password"],
        project_name=fx["projects"][role]["name"],
        user_domain_name=fx["domain"],
        project_domain_name=fx["domain"],
        region_name=fx["region"],
    )


owner, consumer, third = connect("owner"), connect("consumer"), connect("third")
project = {r: fx["projects"][r]["id"] for r in ("owner", "consumer", "third")}


def member(m):
    return {"member_id": m.member_id, "image_id": m.image_id, "status": m.status}


def step(label, fn):
    try:
        out, code = fn(), 0
    except Exception as e:  # the suite compares what the user sees
        out, code = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""), 1
    print(json.dumps({"step": label, "exit": code, "out": out}, sort_keys=True, default=str), flush=True)
    return out


def create():
    image = owner.image.create_image(
        name, filename=data_file, disk_format="raw", container_format="bare", visibility="shared", tags=[tag]
    )
    return {"id": image.id, "status": image.status, "size": image.size, "checksum": image.checksum}


image = step("create an image with data", create)
image_id = image["id"] if isinstance(image, dict) else None
step("the image after its upload", lambda: {k: getattr(owner.image.get_image(image_id), k) for k in ("status", "size", "checksum")})
step("a second image", lambda: owner.image.create_image(name + "-2", tags=[tag], allow_duplicates=True).name)
step("page through images one by one", lambda: [i.name for i in owner.image.images(tag=tag, limit=1)])
step("add a member", lambda: member(owner.image.add_member(image_id, member_id=project["consumer"])))
step("add it again", lambda: member(owner.image.add_member(image_id, member_id=project["consumer"])))
step("list members", lambda: [member(m) for m in owner.image.members(image_id)])
step("consumer gets its membership", lambda: member(consumer.image.get_member(project["consumer"], image_id)))
step("consumer accepts", lambda: member(consumer.image.update_member(project["consumer"], image_id, status="accepted")))
step("consumer lists accepted shares", lambda: [i.name for i in consumer.image.images(tag=tag)])
step("consumer rejects", lambda: member(consumer.image.update_member(project["consumer"], image_id, status="rejected")))
step("third adds itself", lambda: member(third.image.add_member(image_id, member_id=project["third"])))
step("third gets the image", lambda: third.image.get_image(image_id).name)
step("remove the member", lambda: owner.image.remove_member(project["consumer"], image_id, ignore_missing=False))
step("remove it again", lambda: owner.image.remove_member(project["consumer"], image_id, ignore_missing=False))
step("own project", lambda: owner.identity.get_project(project["owner"]).name)
step("another project", lambda: owner.identity.get_project(project["consumer"]).name)
step("delete the images", lambda: [owner.image.delete_image(i.id) for i in owner.image.images(tag=tag)] and "deleted")
