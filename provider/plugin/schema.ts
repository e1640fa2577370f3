/**
 * The Pulumi package schema of the provider plugin: what every language's SDK is generated from.
 * Names and descriptions follow the TypeScript classes of provider/resource/ (a test keeps them in
 * step); defaults are the provider's own (applied by the same hooks), so they are stated in the
 * descriptions rather than as schema `default`s, which SDKs would write into every program's inputs.
 */
import { PLUGIN_CONFIG_NAMESPACE } from "../auth/resolve-settings";
import { CREDENTIAL_SETTINGS, SETTING_NAMES, SETTING_SOURCES, type SettingName } from "../auth/settings";
import { DEFAULT_MEMBER_WAIT_SECONDS } from "../resource/image-member-acceptance-inputs";

export const PACKAGE_NAME = PLUGIN_CONFIG_NAMESPACE;

/** The Go SDK's package path, as `pulumi package gen-sdk --language go` writes it. */
export const GO_IMPORT_BASE_PATH = "github.com/pulumi-image-member/pulumi-image-member/sdk/go/imagemember";

/** Type tokens as a preview shows them. */
export const TOKENS = {
  imageMember: `${PACKAGE_NAME}:index:ImageMember`,
  imageMemberAcceptance: `${PACKAGE_NAME}:index:ImageMemberAcceptance`,
  imageShare: `${PACKAGE_NAME}:index:ImageShare`,
  imageMemberSet: `${PACKAGE_NAME}:index:ImageMemberSet`,
  setShare: `${PACKAGE_NAME}:index:SetShare`,
} as const;

export interface PropertySpec {
  type?: "string" | "boolean" | "integer" | "number" | "array" | "object";
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  $ref?: string;
  description: string;
  secret?: boolean;
  plain?: boolean;
}

type Properties = Record<string, PropertySpec>;

const text = (description: string): PropertySpec => ({ type: "string", description });

/** Inputs every resource has: where its requests go and whose credentials they carry. */
const targetInputs = {
  region: text(
    "Region whose image endpoint to use, by name or id. Defaults to the provider's `region` setting (`openstack:region` for the dynamic provider) or `OS_REGION_NAME`.",
  ),
  endpoint: text(
    "Glance URL to use instead of the service catalog's (`/v2` is appended unless the URL ends in a version). Never put credentials in it: it is stored in state.",
  ),
  cloud: text(
    "Name of the `clouds.yaml` entry whose credentials to use (not secret: the name only). Lets one program act as several projects. Defaults to the provider's `cloud` setting (`openstack:cloud` for the dynamic provider) or `OS_CLOUD`.",
  ),
} satisfies Properties;

const memberFields = {
  createdAt: text("When Glance created the membership."),
  updatedAt: text("When the membership last changed."),
  schema: text("Glance's JSON schema path for the member object."),
  glanceService: text(
    '`<service id>@<region>` of the catalog\'s image service the membership lives in ("" when the catalog does not list the URL): the same service and region is the same Glance at a new URL.',
  ),
} satisfies Properties;

export const imageMemberInputs = {
  imageId: text("UUID of the image to share. The credentials must belong to the image owner's project."),
  memberId: text("Id of the project (tenant) to share the image with."),
  ...targetInputs,
  adopt: {
    type: "boolean",
    description:
      "Take over a share that already exists instead of failing with ERR_MEMBER_EXISTS (default false). Through the plugin, `pulumi import` with the id `<imageId>/<memberId>` does the same once; the dynamic provider cannot import, so this is its way to bring a share under management.",
  },
} satisfies Properties;

export const imageMemberOutputs = {
  imageId: text("UUID of the shared image."),
  memberId: text("Id of the project the image is shared with."),
  status: text(
    "`pending` until the member project accepts (`accepted`) or declines (`rejected`); kept current by refresh. `unconfirmed` while a share whose request got no answer is not settled: the next up makes it or finds it made.",
  ),
  ...memberFields,
  region: text("The region input, if given."),
  endpoint: text("The endpoint input, if given."),
  cloud: text("The cloud input, if given."),
  adopt: { type: "boolean", description: "Whether an existing share was adopted." },
  glanceUrl: text(
    'The Glance v2 URL the share was created at; a 404 from any other URL is not taken as "gone".',
  ),
  ownerProjectId: text(
    'Project of the credentials that created the share ("" if unknown). A 404 is taken as "gone" only from the project that owns the image then, while it is shared.',
  ),
} satisfies Properties;

export const imageMemberAcceptanceInputs = {
  imageId: text("UUID of the image shared with the consumer project."),
  memberId: text(
    "The consumer project's id; defaults to the project of the credentials. Changing it replaces the resource.",
  ),
  status: text("`accepted` (default) or `rejected`. Changing it updates the membership in place."),
  ...targetInputs,
  memberWaitSeconds: {
    type: "number",
    description: `How long to wait for a membership the owner has just created to become visible, in seconds (default ${DEFAULT_MEMBER_WAIT_SECONDS}; Huawei Cloud IMS is eventually consistent).`,
  },
} satisfies Properties;

export const imageMemberAcceptanceOutputs = {
  imageId: text("UUID of the image."),
  memberId: text("The consumer project's id, as given or as the credentials' project."),
  status: text(
    "The membership status Glance reports; refresh keeps it current and `up` restores the program's.",
  ),
  ...memberFields,
  glanceUrl: text('The Glance v2 URL used; a 404 from any other URL is not taken as "gone".'),
  consumerProjectId: text('Project of the credentials that accepted ("" if unknown).'),
} satisfies Properties;

export const imageShareInputs = {
  imageId: text("UUID of the image to share. The credentials must belong to the image owner's project."),
  memberIds: {
    type: "array",
    items: { type: "string", description: "A project id." },
    plain: true,
    description:
      "Ids of the projects to share the image with. Plain strings, not outputs: each one names its own child resource, so adding or removing a project touches only that project's share.",
  },
  ...targetInputs,
  adopt: { type: "boolean", description: "Take over shares that already exist instead of failing." },
} satisfies Properties;

export const imageShareOutputs = {
  members: {
    type: "object",
    additionalProperties: {
      $ref: `#/resources/${TOKENS.imageMember}`,
      description: "The share with one project.",
    },
    description: "The child share of each project, by project id.",
  },
  statuses: {
    type: "object",
    additionalProperties: { type: "string", description: "`pending`, `accepted` or `rejected`." },
    description: "Each project's answer (`pending`, `accepted`, `rejected`), by project id.",
  },
} satisfies Properties;

export const imageMemberSetInputs = {
  imageId: text("UUID of the image to share. The credentials must belong to the image owner's project."),
  memberIds: {
    type: "array",
    items: { type: "string", description: "A project id." },
    description:
      "Ids of the projects to share the image with, each once. Adding one shares the image with it; removing one revokes exactly that share. May be an output, and may be empty.",
  },
  ...targetInputs,
  adopt: {
    type: "boolean",
    description: "Take over shares that already exist instead of failing with ERR_MEMBER_EXISTS.",
  },
  exclusive: {
    type: "boolean",
    description:
      "Authoritative mode (default false): `pulumi refresh` records the image's members that `memberIds` does not list (in `undeclaredMembers`), the next preview names each as removed, and `pulumi up` revokes exactly those. Off, members made outside this resource are left alone.",
  },
} satisfies Properties;

export const imageMemberSetOutputs = {
  imageId: text("UUID of the shared image."),
  members: {
    type: "object",
    additionalProperties: { type: "boolean", description: "Always true." },
    description: "The projects the image is shared with now, as map keys (each `true`).",
  },
  shares: {
    type: "object",
    additionalProperties: { $ref: `#/types/${TOKENS.setShare}`, description: "One project's share." },
    description:
      "Each share by project id: its `status` (`pending`, `accepted`, `rejected`; `unconfirmed` when a request got no answer and a read could not tell, until the next up settles it), `createdAt` and `updatedAt`.",
  },
  region: text("The region input, if given."),
  endpoint: text("The endpoint input, if given."),
  cloud: text("The cloud input, if given."),
  adopt: { type: "boolean", description: "Whether existing shares are adopted." },
  exclusive: { type: "boolean", description: "Whether the set is authoritative for the image's members." },
  undeclaredMembers: {
    type: "object",
    additionalProperties: { type: "string", description: "The member's status." },
    description:
      "Exclusive sets: the members the last refresh found that `memberIds` does not list, with their status (`pending` is an invitation not yet accepted, `accepted` a share in use), until up revokes them.",
  },
  glanceUrl: text(
    'The Glance v2 URL the shares were made at; a 404 from any other URL is not taken as "gone".',
  ),
  glanceService: text(
    '`<service id>@<region>` of the catalog\'s image service the shares live in ("" when not listed).',
  ),
  ownerProjectId: text('Project of the credentials that made the shares ("" if unknown).'),
} satisfies Properties;

const setShareProperties = {
  status: text(
    "`pending`, `accepted`, `rejected`, or `unconfirmed` (a request got no answer; the next up settles it).",
  ),
  createdAt: text("When Glance created the membership."),
  updatedAt: text("When the membership last changed."),
} satisfies Properties;

const NUMBER_SETTINGS: Partial<Record<SettingName, PropertySpec["type"]>> = {
  maxRetries: "integer",
  insecure: "boolean",
};

/**
 * The provider's settings: every `openstack:` stack config key of the dynamic provider, under the
 * plugin's own namespace (`image-member:authUrl`) and as inputs of an explicit provider.
 */
export function providerSettings(): Properties {
  const properties: Properties = {};
  for (const name of SETTING_NAMES) {
    const source = SETTING_SOURCES[name];
    if (source.config === undefined) continue;
    if (typeof source.config === "string") {
      properties[source.config] = {
        type: NUMBER_SETTINGS[name] ?? "string",
        description: source.description,
        ...(CREDENTIAL_SETTINGS.has(name) ? { secret: true } : {}),
      };
    } else {
      properties[source.config.key] = {
        type: "object",
        additionalProperties: { type: "string", description: "A URL." },
        description: `Map of service type to URL; its \`${source.config.entry}\` entry: ${source.description}`,
      };
    }
  }
  return properties;
}

function requiredOf(properties: Properties, optional: readonly string[]): string[] {
  return Object.keys(properties).filter((name) => !optional.includes(name));
}

/** The schema as a JSON-ready object. */
export function packageSchema(version: string): Record<string, unknown> {
  const settings = providerSettings();
  return {
    name: PACKAGE_NAME,
    displayName: "Image Member",
    version,
    description:
      "Share OpenStack and Huawei Cloud IMS images between projects (Glance v2 image members), with the 404 rule, AK/SK signing and ImageShare.",
    keywords: ["pulumi", "openstack", "glance", "image", "huaweicloud", "category/cloud"],
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-image-member/pulumi-image-member",
    config: { variables: settings },
    provider: {
      description:
        "Settings of one identity: the same keys as `openstack:*` stack config (here `image-member:*`), then clouds.yaml and the `OS_*`/`HW_*` environment, as the dynamic provider reads them. Values given here are never written into resource state.",
      inputProperties: settings,
    },
    resources: {
      [TOKENS.imageMember]: {
        description:
          "Shares a Glance (OpenStack, or Huawei Cloud IMS) image with another project. Removing the resource revokes the share. The image owner's credentials come from the provider's settings at each operation; they are never stored in state. Import an existing share with the id `<imageId>/<memberId>`.",
        inputProperties: imageMemberInputs,
        requiredInputs: ["imageId", "memberId"],
        properties: imageMemberOutputs,
        required: requiredOf(imageMemberOutputs, ["region", "endpoint", "cloud", "adopt"]),
      },
      [TOKENS.imageMemberAcceptance]: {
        description:
          "Accepts (or rejects) an image shared with a project, with that project's credentials (the owner cannot accept on a consumer's behalf: in one program, give each side its own provider or `cloud`). Removing the resource sets the membership to `rejected`; the owner's ImageMember is what revokes the share. Import with the id `<imageId>/<memberId>`.",
        inputProperties: imageMemberAcceptanceInputs,
        requiredInputs: ["imageId"],
        properties: imageMemberAcceptanceOutputs,
        required: Object.keys(imageMemberAcceptanceOutputs),
      },
      [TOKENS.imageShare]: {
        isComponent: true,
        description: "One image shared with a list of projects: one ImageMember child per project.",
        inputProperties: imageShareInputs,
        requiredInputs: ["imageId", "memberIds"],
        properties: imageShareOutputs,
        required: Object.keys(imageShareOutputs),
      },
      [TOKENS.imageMemberSet]: {
        description:
          "One image shared with many projects as ONE resource: one engine operation however many projects, where ImageShare makes one resource per project. The preview names each project added or removed; a failure part-way records the shares that exist. Other members of the image are left alone.",
        inputProperties: imageMemberSetInputs,
        requiredInputs: ["imageId", "memberIds"],
        properties: imageMemberSetOutputs,
        required: requiredOf(imageMemberSetOutputs, ["region", "endpoint", "cloud", "adopt", "exclusive"]),
      },
    },
    types: {
      [TOKENS.setShare]: {
        type: "object",
        description: "One share of an ImageMemberSet.",
        properties: setShareProperties,
        required: Object.keys(setShareProperties),
      },
    },
    language: {
      nodejs: { packageName: "@pulumi-image-member/image-member", respectSchemaVersion: true },
      python: { packageName: "pulumi_image_member", respectSchemaVersion: true },
      // Container types (ImageMemberMap, …): ImageShare outputs a map of ImageMember resources.
      go: {
        importBasePath: GO_IMPORT_BASE_PATH,
        respectSchemaVersion: true,
        generateResourceContainerTypes: true,
      },
    },
  };
}
