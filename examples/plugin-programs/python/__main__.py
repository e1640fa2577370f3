"""The owner shares an image with each project of `memberIds`; the consumer accepts its share.

Two identities in one program: one explicit provider per clouds.yaml entry.
"""
import pulumi
import pulumi_image_member as image_member

config = pulumi.Config()
image_id = config.require("imageId")
member_ids = config.require_object("memberIds")
consumer_id = config.get("acceptAs")

owner = image_member.Provider("owner", cloud="owner")
consumer = image_member.Provider("consumer", cloud="consumer")

shares = {
    member_id: image_member.ImageMember(
        f"share-{member_id}",
        image_id=image_id,
        member_id=member_id,
        opts=pulumi.ResourceOptions(provider=owner),
    )
    for member_id in member_ids
}

if consumer_id in shares:
    accepted = image_member.ImageMemberAcceptance(
        "accept",
        image_id=image_id,
        opts=pulumi.ResourceOptions(provider=consumer, depends_on=[shares[consumer_id]]),
    )
    pulumi.export("accepted", accepted.status)

pulumi.export("statuses", {member_id: share.status for member_id, share in shares.items()})
