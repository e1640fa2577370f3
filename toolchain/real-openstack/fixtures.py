#!/usr/bin/python3
"""Create the test identities in a freshly bootstrapped Keystone and write fixtures.json
(shape: provider/testing/fixtures.ts, CloudFixtures). Standard library only.

usage: fixtures.py create KS_PORT GL_PORT ADMIN_PASSWORD OUT_JSON
       fixtures.py check FIXTURES_JSON     (owner's token lists images through glance)

Projects owner / consumer / third with users alice / bob / carol (role member on their
project), the glance service user (admin on project service), the image service with
public and internal endpoints WITHOUT "/v2", and alice's application credential
"alice-ac" (role member on owner).
"""
import json
import sys
import urllib.error
import urllib.request

REGION = "RegionOne"
DOMAIN = "Default"
PEOPLE = {  # role in the tests: (project, user, password)
    "owner": ("owner", "alice", "AlicePass123"),
    "consumer": ("consumer", "bob", "BobPass123"),
    "third": ("third", "carol", "CarolPass123"),
}
GLANCE_PASSWORD = "GlancePass123"  # must match conf/glance-api.conf.in


class HTTPFailure(Exception):
    pass


def call(method, url, token=None, body=None, expect=(200, 201, 204)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, headers, raw = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, headers, raw = e.code, e.headers, e.read()
    if status not in expect:
        raise HTTPFailure("%s %s -> HTTP %d: %s" % (method, url, status, raw.decode(errors="replace")[:2000]))
    return headers, (json.loads(raw) if raw else None)


def password_token(ks, user, password, project):
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": user, "domain": {"name": DOMAIN}, "password": password}},
            },
            "scope": {"project": {"name": project, "domain": {"name": DOMAIN}}},
        }
    }
    headers, doc = call("POST", ks + "/auth/tokens", body=body, expect=(201,))
    return headers["X-Subject-Token"], doc["token"]


def create(ks_port, gl_port, admin_password, out):
    ks = "http://127.0.0.1:%s/v3" % ks_port
    gl = "http://127.0.0.1:%s" % gl_port  # no /v2: clients append the version
    admin, _ = password_token(ks, "admin", admin_password, "admin")

    def post(path, key, doc):
        return call("POST", ks + path, admin, {key: doc}, expect=(201,))[1][key]

    def role_id(name):
        roles = call("GET", ks + "/roles?name=" + name, admin)[1]["roles"]
        if not roles:
            raise HTTPFailure("role %r not found (keystone-manage bootstrap creates it)" % name)
        return roles[0]["id"]

    def grant(project_id, user_id, role):
        call("PUT", "%s/projects/%s/users/%s/roles/%s" % (ks, project_id, user_id, role), admin, expect=(204,))

    member, admin_role = role_id("member"), role_id("admin")

    def person(project, user, password, role):
        p = post("/projects", "project", {"name": project, "domain_id": "default", "description": "test"})
        u = post(
            "/users",
            "user",
            {"name": user, "domain_id": "default", "password": password, "default_project_id": p["id"], "enabled": True},
        )
        grant(p["id"], u["id"], role)
        return p, u

    projects, users = {}, {}
    for role, (project, user, password) in PEOPLE.items():
        p, u = person(project, user, password, member)
        projects[role] = {"id": p["id"], "name": p["name"]}
        users[role] = {"id": u["id"], "name": u["name"], "password": password}
    person("service", "glance", GLANCE_PASSWORD, admin_role)

    svc = post("/services", "service", {"type": "image", "name": "glance", "description": "Image", "enabled": True})
    for interface in ("public", "internal"):
        post(
            "/endpoints",
            "endpoint",
            {"service_id": svc["id"], "interface": interface, "url": gl, "region_id": REGION, "enabled": True},
        )

    # an application credential can only be created by its user, with a token of the project
    alice_project, alice, alice_password = PEOPLE["owner"]
    alice_token, tok = password_token(ks, alice, alice_password, alice_project)
    ac = call(
        "POST",
        "%s/users/%s/application_credentials" % (ks, users["owner"]["id"]),
        alice_token,
        {"application_credential": {"name": "alice-ac", "description": "test", "roles": [{"name": "member"}]}},
        expect=(201,),
    )[1]["application_credential"]

    # the image endpoint exactly as the catalog of a user token lists it
    image_url = None
    for entry in tok.get("catalog", []):
        if entry["type"] == "image":
            for ep in entry["endpoints"]:
                if ep["interface"] == "public" and ep["region_id"] == REGION:
                    image_url = ep["url"]
    if image_url is None:
        raise HTTPFailure("no public image endpoint in the catalog of alice's token")

    fixtures = {
        "authUrl": ks,
        "region": REGION,
        "imageUrl": image_url,
        "domain": DOMAIN,
        "projects": projects,
        "users": users,
        "applicationCredential": {"id": ac["id"], "name": ac["name"], "secret": ac["secret"]},
    }
    with open(out, "w") as f:
        json.dump(fixtures, f, indent=2)
        f.write("\n")


def check(path):
    with open(path) as f:
        fx = json.load(f)
    owner = fx["users"]["owner"]
    token, _ = password_token(fx["authUrl"], owner["name"], owner["password"], fx["projects"]["owner"]["name"])
    call("GET", fx["imageUrl"].rstrip("/") + "/v2/images?limit=1", token, expect=(200,))


def main(argv):
    try:
        if len(argv) == 6 and argv[1] == "create":
            create(*argv[2:])
        elif len(argv) == 3 and argv[1] == "check":
            check(argv[2])
        else:
            sys.exit(__doc__)
    except (HTTPFailure, OSError, KeyError, ValueError) as e:
        sys.exit("fixtures.py %s: %s" % (argv[1], e))


if __name__ == "__main__":
    main(sys.argv)
