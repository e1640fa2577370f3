/**
 * The member workflows the client suite runs with each OpenStack client: add, list, show,
 * accept, reject, remove, remove again, as owner, consumer and a third project, by id and (where
 * the client allows) by name, on a deactivated image too, plus the calls around them the issue reported broken (image
 * create with data, paging, project lookups, schemas). Args may hold `{image}`, `{file}`, `{tag}`,
 * `{name}` and `{owner.id}`, `{consumer.id}`, `{third.id}`, `{consumer.name}`, … placeholders.
 */
import type { Role } from "../../provider/testing";

export interface Step {
  name: string;
  as: Role;
  args: string[];
  /** Set `{image}` from this step's output (the first uuid in it). */
  captureImage?: boolean;
}

export interface Workflow {
  client: "openstack" | "glance" | "sdk";
  steps: Step[];
}

const G = ["--os-image-api-version", "2"];

export const OPENSTACK_CLI: Workflow = {
  client: "openstack",
  steps: [
    {
      name: "create an image with data",
      as: "owner",
      args: [
        "image",
        "create",
        "--disk-format",
        "raw",
        "--container-format",
        "bare",
        "--shared",
        "--tag",
        "{tag}",
      ].concat(["--file", "{file}", "-f", "json", "{name}"]),
      captureImage: true,
    },
    {
      name: "a second image",
      as: "owner",
      args: ["image", "create", "--tag", "{tag}", "-f", "value", "-c", "name", "{name}-2"],
    },
    {
      name: "list with --limit 1",
      as: "owner",
      args: ["image", "list", "--tag", "{tag}", "--limit", "1", "-f", "value", "-c", "Name"],
    },
    {
      name: "list all pages",
      as: "owner",
      args: ["image", "list", "--tag", "{tag}", "-f", "value", "-c", "Name"],
    },
    { name: "owner's project", as: "owner", args: ["project", "show", "{owner.id}", "-f", "json"] },
    { name: "another project", as: "owner", args: ["project", "show", "{consumer.id}", "-f", "json"] },
    { name: "project list", as: "owner", args: ["project", "list", "-f", "value"] },
    {
      name: "add by id",
      as: "owner",
      args: ["image", "add", "project", "-f", "json", "{image}", "{consumer.id}"],
    },
    { name: "add again", as: "owner", args: ["image", "add", "project", "{image}", "{consumer.id}"] },
    { name: "member list", as: "owner", args: ["image", "member", "list", "-f", "json", "{image}"] },
    {
      name: "consumer shows the image",
      as: "consumer",
      args: [
        "image",
        "show",
        "-f",
        "json",
        "-c",
        "id",
        "-c",
        "status",
        "-c",
        "size",
        "-c",
        "checksum",
        "{image}",
      ],
    },
    {
      name: "consumer accepts",
      as: "consumer",
      args: ["image", "set", "--accept", "--project", "{consumer.id}", "{image}"],
    },
    {
      name: "consumer's member list",
      as: "consumer",
      args: ["image", "member", "list", "-f", "json", "{image}"],
    },
    {
      name: "consumer lists shared images",
      as: "consumer",
      args: ["image", "list", "--shared", "--tag", "{tag}", "-f", "value", "-c", "Name"],
    },
    {
      name: "consumer rejects by project name",
      as: "consumer",
      args: ["image", "set", "--reject", "--project", "{consumer.name}", "{image}"],
    },
    { name: "third adds itself", as: "third", args: ["image", "add", "project", "{image}", "{third.id}"] },
    { name: "third shows the image", as: "third", args: ["image", "show", "{image}"] },
    {
      name: "consumer adds the third",
      as: "consumer",
      args: ["image", "add", "project", "{image}", "{third.id}"],
    },
    { name: "remove by id", as: "owner", args: ["image", "remove", "project", "{image}", "{consumer.id}"] },
    { name: "remove again", as: "owner", args: ["image", "remove", "project", "{image}", "{consumer.id}"] },
    {
      name: "add by name",
      as: "owner",
      args: ["image", "add", "project", "-f", "json", "{image}", "{consumer.name}"],
    },
    {
      name: "remove by name",
      as: "owner",
      args: ["image", "remove", "project", "{image}", "{consumer.name}"],
    },
    { name: "owner deactivates", as: "owner", args: ["image", "set", "--deactivate", "{image}"] },
    {
      name: "deactivated image's status",
      as: "owner",
      args: ["image", "show", "-f", "value", "-c", "status", "{image}"],
    },
    {
      name: "add to a deactivated image",
      as: "owner",
      args: ["image", "add", "project", "-f", "value", "-c", "status", "{image}", "{consumer.id}"],
    },
    {
      name: "remove from a deactivated image",
      as: "owner",
      args: ["image", "remove", "project", "{image}", "{consumer.id}"],
    },
    { name: "owner reactivates", as: "owner", args: ["image", "set", "--activate", "{image}"] },
    {
      name: "member list at the end",
      as: "owner",
      args: ["image", "member", "list", "-f", "json", "{image}"],
    },
    { name: "delete the images", as: "owner", args: ["image", "delete", "{image}", "{name}-2"] },
  ],
};

export const GLANCE_CLI: Workflow = {
  client: "glance",
  steps: [
    {
      name: "create an image with data",
      as: "owner",
      args: [
        ...G,
        "image-create",
        "--name",
        "{name}",
        "--disk-format",
        "raw",
        "--container-format",
        "bare",
      ].concat(["--visibility", "shared", "--file", "{file}"]),
      captureImage: true,
    },
    { name: "tag it", as: "owner", args: [...G, "image-tag-update", "{image}", "{tag}"] },
    {
      name: "list one per page",
      as: "owner",
      args: [...G, "image-list", "--tag", "{tag}", "--page-size", "1"],
    },
    { name: "member-create", as: "owner", args: [...G, "member-create", "{image}", "{consumer.id}"] },
    { name: "member-create again", as: "owner", args: [...G, "member-create", "{image}", "{consumer.id}"] },
    { name: "member-list", as: "owner", args: [...G, "member-list", "--image-id", "{image}"] },
    { name: "member-get", as: "consumer", args: [...G, "member-get", "{image}", "{consumer.id}"] },
    {
      name: "member-update accepted",
      as: "consumer",
      args: [...G, "member-update", "{image}", "{consumer.id}", "accepted"],
    },
    { name: "image-show as consumer", as: "consumer", args: [...G, "image-show", "{image}"] },
    {
      name: "member-update rejected",
      as: "consumer",
      args: [...G, "member-update", "{image}", "{consumer.id}", "rejected"],
    },
    { name: "third member-create", as: "third", args: [...G, "member-create", "{image}", "{third.id}"] },
    { name: "third member-list", as: "third", args: [...G, "member-list", "--image-id", "{image}"] },
    { name: "member-delete", as: "owner", args: [...G, "member-delete", "{image}", "{consumer.id}"] },
    { name: "member-delete again", as: "owner", args: [...G, "member-delete", "{image}", "{consumer.id}"] },
    { name: "image-delete", as: "owner", args: [...G, "image-delete", "{image}"] },
  ],
};
