/**
 * Workarounds for two gaps in the provider server of `@pulumi/pulumi/provider` (checked in
 * 3.248.0, and still there at the v3.259 snapshot), installed by ./main before `main()` serves.
 * Each is tested through the real server in test/plugin/plugin-server.test.ts, which fails when
 * it is removed. Drop them when the SDK the package supports fixes these upstream.
 *
 * 1. Configure is dropped. `provider/server.ts` answers Configure without reading the request, and
 *    its `Provider` interface has no configure hook, so a plugin never sees its stack config or an
 *    explicit provider's inputs. {@link forwardConfigure} hands the request's `args` (or the
 *    deprecated `variables`) to the plugin before the SDK answers.
 * 2. `pulumi import` crashes read. The engine reads an imported resource with no properties, and
 *    `server.ts` `read()` calls `req.getProperties()!.toJavaScript()`: "Cannot read properties of
 *    undefined (reading 'toJavaScript')". {@link readWithoutPropertiesAsEmpty} makes a missing
 *    property map read as an empty one, which the plugin's read takes as an import.
 */
import { Server } from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { ReadRequest } from "@pulumi/pulumi/proto/provider_pb";
import { argsFromVariables } from "./provider-settings";

interface ConfigureRequestLike {
  getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
  getVariablesMap(): { entries(): Iterable<[string, string]> };
}

type UnaryHandler = (
  call: { request: unknown },
  callback: (error: unknown, response?: unknown) => void,
) => void;

/** Gap 1: calls `onConfigure` with each Configure request's settings, then lets the SDK answer. */
export function forwardConfigure(onConfigure: (args: Record<string, unknown>) => void): void {
  const addService = Server.prototype.addService;
  Server.prototype.addService = function (this: Server, service, implementation) {
    if (service === ResourceProviderService) {
      const server = implementation as { configure: UnaryHandler };
      const answer = server.configure.bind(server);
      server.configure = (call, callback) => {
        try {
          const request = call.request as ConfigureRequestLike;
          const args = request.getArgs()?.toJavaScript();
          onConfigure(args ?? argsFromVariables(new Map(request.getVariablesMap().entries())));
        } catch (e) {
          callback(e);
          return;
        }
        answer(call, callback);
      };
    }
    return addService.call(this, service, implementation);
  };
}

/** Gap 2: a ReadRequest without properties reads as one with an empty property map. */
export function readWithoutPropertiesAsEmpty(): void {
  const getProperties = ReadRequest.prototype.getProperties;
  ReadRequest.prototype.getProperties = function (this: unknown) {
    return getProperties.call(this) ?? new Struct();
  };
}
