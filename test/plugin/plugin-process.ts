/**
 * The plugin as the engine runs it: the `plugin/pulumi-resource-image-member` launcher in a child
 * process (serving dist/, so `npm test`'s build comes first), spoken to over gRPC with the SDK's
 * own client and messages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { CloudFixtures, Role } from "../../provider/testing";
const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const providerProto = require("@pulumi/pulumi/proto/provider_pb");
const statusProto = require("@pulumi/pulumi/proto/status_pb");

/** What the engine reads from a failed create or update: the message, and any partial state. */
export interface HookFailure {
  message: string;
  /** `ErrorResourceInitFailed`: the resource exists (or may), with this id and state. */
  initFailed?: { id: string; properties: Record<string, unknown>; reasons: string[] };
}

/** What the engine reads from a failed call's status (its message, and a partial failure's state). */
export function hookFailure(error: grpc.ServiceError): HookFailure {
  const [bin] = error.metadata?.get("grpc-status-details-bin") ?? [];
  if (!bin) return { message: error.details };
  const [detail] = statusProto.Status.deserializeBinary(bin as Buffer).getDetailsList();
  const failed = detail?.unpack(
    providerProto.ErrorResourceInitFailed.deserializeBinary,
    "pulumirpc.ErrorResourceInitFailed",
  );
  if (!failed) return { message: error.details };
  return {
    message: error.details,
    initFailed: {
      id: failed.getId(),
      properties: failed.getProperties().toJavaScript(),
      reasons: failed.getReasonsList(),
    },
  };
}

const ROOT = join(__dirname, "..", "..");

/** A secret as the engine sends it to a provider that accepts secrets. */
export function secretValue(value: string): Record<string, string> {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** The provider's settings (`image-member:*`) of one of the local cloud's logins, its password secret. */
export function providerSettings(f: CloudFixtures, role: Role) {
  return {
    authUrl: f.authUrl,
    userName: f.users[role].name,
    password: secretValue(f.users[role].password),
    tenantName: f.projects[role].name,
    userDomainName: f.domain,
    projectDomainName: f.domain,
    region: f.region,
  };
}

export class PluginProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: Record<string, (...a: unknown[]) => void>,
    readonly stderr: () => string,
  ) {}

  /** `root`: a folder holding the package's plugin/ and dist/plugin/ (this repository's by default). */
  static async start(env: NodeJS.ProcessEnv, root = ROOT): Promise<PluginProcess> {
    const child = spawn(join(root, "plugin", "pulumi-resource-image-member"), [], {
      cwd: join(root, "plugin"),
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d) => {
        out += d;
        const line = out.split("\n")[0];
        if (out.includes("\n")) resolve(line.trim());
      });
      child.on("exit", (code) => reject(new Error(`plugin exited with ${code}: ${stderr}`)));
    });
    const client = new providerRpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    return new PluginProcess(child, client, () => stderr);
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](request, (error: unknown, response: T) =>
        error ? reject(error) : resolve(response),
      ),
    );
  }

  async schema(): Promise<Record<string, unknown>> {
    const request = new providerProto.GetSchemaRequest();
    const response = await this.call<{ getSchema(): string }>("getSchema", request);
    return JSON.parse(response.getSchema());
  }

  async configure(args: Record<string, unknown>): Promise<void> {
    const request = new providerProto.ConfigureRequest();
    request.setArgs(Struct.fromJavaScript(args as never));
    request.setAcceptsecrets(true);
    await this.call("configure", request);
  }

  async check(
    urn: string,
    news: Record<string, unknown>,
  ): Promise<{ inputs: Record<string, unknown>; failures: { property: string; reason: string }[] }> {
    const request = new providerProto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(Struct.fromJavaScript({}));
    request.setNews(Struct.fromJavaScript(news as never));
    const response = await this.call<{
      getInputs(): Struct;
      getFailuresList(): { getProperty(): string; getReason(): string }[];
    }>("check", request);
    return {
      inputs: response.getInputs().toJavaScript() as Record<string, unknown>,
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async create(
    urn: string,
    properties: Record<string, unknown>,
  ): Promise<{ id: string; outs: Record<string, unknown> }> {
    const request = new providerProto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(Struct.fromJavaScript(properties as never));
    const response = await this.call<{ getId(): string; getProperties(): Struct }>("create", request);
    return { id: response.getId(), outs: response.getProperties().toJavaScript() as Record<string, unknown> };
  }

  /** A create expected to fail: what the engine reads from the failure. */
  async failedCreate(urn: string, properties: Record<string, unknown>): Promise<HookFailure> {
    const error = await this.create(urn, properties).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    if (!error) throw new Error("expected the create to fail");
    return hookFailure(error);
  }

  async diff(
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ changes: boolean; replaces: string[] }> {
    const request = new providerProto.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(Struct.fromJavaScript(olds as never));
    request.setNews(Struct.fromJavaScript(news as never));
    const response = await this.call<{ getChanges(): number; getReplacesList(): string[] }>("diff", request);
    return {
      changes: response.getChanges() === providerProto.DiffResponse.DiffChanges.DIFF_SOME,
      replaces: response.getReplacesList(),
    };
  }

  async update(
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ outs: Record<string, unknown> }> {
    const request = new providerProto.UpdateRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(Struct.fromJavaScript(olds as never));
    request.setNews(Struct.fromJavaScript(news as never));
    const response = await this.call<{ getProperties(): Struct }>("update", request);
    return { outs: response.getProperties().toJavaScript() as Record<string, unknown> };
  }

  /** An update expected to fail: what the engine reads from the failure. */
  async failedUpdate(
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<HookFailure> {
    const error = await this.update(urn, id, olds, news).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    if (!error) throw new Error("expected the update to fail");
    return hookFailure(error);
  }

  /** A read as `pulumi import` sends it: an id and no properties at all. */
  async importRead(
    urn: string,
    id: string,
  ): Promise<{ id: string; props: Record<string, unknown>; inputs?: Record<string, unknown> }> {
    const request = new providerProto.ReadRequest();
    request.setUrn(urn);
    request.setId(id);
    const response = await this.call<{
      getId(): string;
      getProperties(): Struct;
      getInputs(): Struct | undefined;
    }>("read", request);
    return {
      id: response.getId(),
      props: (response.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
      inputs: response.getInputs()?.toJavaScript() as Record<string, unknown> | undefined,
    };
  }

  /** A refresh's read: the id and the properties in state. */
  async read(
    urn: string,
    id: string,
    properties: Record<string, unknown>,
  ): Promise<{ id: string; props: Record<string, unknown>; inputs?: Record<string, unknown> }> {
    const request = new providerProto.ReadRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(Struct.fromJavaScript(properties as never));
    const response = await this.call<{
      getId(): string;
      getProperties(): Struct;
      getInputs(): Struct | undefined;
    }>("read", request);
    return {
      id: response.getId(),
      props: (response.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
      inputs: response.getInputs()?.toJavaScript() as Record<string, unknown> | undefined,
    };
  }

  async delete(urn: string, id: string, properties: Record<string, unknown>): Promise<void> {
    const request = new providerProto.DeleteRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(Struct.fromJavaScript(properties as never));
    await this.call("delete", request);
  }

  stop(): void {
    (this.client as unknown as grpc.Client).close();
    this.child.kill();
  }
}
