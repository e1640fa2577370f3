/**
 * What the engine receives when a hook fails. The dynamic-provider host of @pulumi/pulumi sends
 * `e.message` over gRPC and, for check/diff/read/delete, prints `${e}: ${e.stack}` on stderr; both
 * must be one line that starts with the code, with no stack frame.
 */
import { HttpError, ImageMemberError, isImageMemberError } from "../../provider/errors";
import { EngineFacingError, engineFacing, presentErrors } from "../../provider/resource/engine-errors";
import type { ProviderHooks } from "../../provider/resource/hooks";

/** The two things the host shows for an error (sdk/nodejs/cmd/dynamic-provider). */
function shown(e: unknown): { grpcMessage: string; stderr: string } {
  const err = e as Error;
  return { grpcMessage: err.message, stderr: `${err}: ${err.stack}` };
}

const notOwner = () =>
  new HttpError("ERR_FORBIDDEN", "Forbidden", {
    method: "DELETE",
    url: "https://glance.example.com/v2/images/i/members/m",
    status: 403,
    serverMessage: "You are not permitted",
    requestId: "req-1",
  }).recast(
    "ERR_NOT_IMAGE_OWNER",
    "Only the image owner's project can revoke it",
    "Use the owner's credentials.",
  );

function hooksThrowing(error: () => unknown): ProviderHooks {
  const fail = async (): Promise<never> => {
    throw error();
  };
  return {
    configure: fail,
    check: fail,
    diff: fail,
    create: fail,
    read: fail,
    update: fail,
    delete: fail,
  };
}

const HOOKS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

test.each(HOOKS)("%s: an ImageMemberError reaches the engine as one line with its code", async (hook) => {
  const hooks = presentErrors(hooksThrowing(notOwner));
  const call = hooks[hook] as (...args: unknown[]) => Promise<unknown>;
  const thrown = await call("id", {}, {}).then(
    () => undefined,
    (e: unknown) => e,
  );

  expect(thrown).toBeInstanceOf(EngineFacingError);
  const { grpcMessage, stderr } = shown(thrown);
  expect(grpcMessage).toBe(
    "ERR_NOT_IMAGE_OWNER: Only the image owner's project can revoke it. Use the owner's credentials. " +
      '(DELETE https://glance.example.com/v2/images/i/members/m → HTTP 403: "You are not permitted"; ' +
      "request id req-1)",
  );
  expect(stderr).toBe(`ImageMemberError: ${grpcMessage}`);
  expect(stderr).not.toMatch(/\n|\s+at\s/);
});

test("the code and the original error stay available to code that matches on them", () => {
  const original = notOwner();
  const facing = engineFacing(original) as EngineFacingError;
  expect(isImageMemberError(facing, "ERR_NOT_IMAGE_OWNER")).toBe(true);
  expect(facing).toBeInstanceOf(ImageMemberError);
  expect(facing.cause).toBe(original);
  expect(engineFacing(facing)).toBe(facing);
});

test("an error of another copy of the package (its code and origin, no shared class) is presented the same way", () => {
  const copy = Object.assign(new Error("Keystone refused the credentials."), {
    code: "ERR_AUTH_FAILED",
    origin: "pulumi-image-member",
  });
  const { grpcMessage, stderr } = shown(engineFacing(copy));
  expect(grpcMessage).toBe("ERR_AUTH_FAILED: Keystone refused the credentials.");
  expect(stderr).toBe(`ImageMemberError: ${grpcMessage}`);
});

test("Node's, undici's and other libraries' ERR_* errors are not ours: they reach the engine unchanged, stack and all", async () => {
  const invalidUrl = (() => {
    try {
      new URL("not a url");
    } catch (e) {
      return e as Error & { code: string };
    }
    throw new Error("expected new URL to throw");
  })();
  expect(invalidUrl.code).toBe("ERR_INVALID_URL");
  const { errors } = require("undici") as typeof import("undici");
  const foreign: unknown[] = [
    invalidUrl,
    new errors.ConnectTimeoutError(),
    new errors.InvalidArgumentError("bad"),
    // another library's code that is spelled like one of ours (axios says ERR_NETWORK)
    Object.assign(new Error("Network Error"), { code: "ERR_NETWORK" }),
    // a code that is not ours, though it carries our origin
    Object.assign(new Error("x"), { code: "ERR_INVALID_ARG_TYPE", origin: "pulumi-image-member" }),
    Object.assign(new Error("x"), { code: "toString", origin: "pulumi-image-member" }),
  ];
  for (const e of foreign) {
    expect(isImageMemberError(e)).toBe(false);
    const hooks = presentErrors(hooksThrowing(() => e));
    const thrown = await hooks.read("id", {}).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(thrown).toBe(e);
    expect((thrown as Error).stack).toMatch(/\n\s+at /);
  }
});

test("ours is recognised by code and origin, also after JSON (a process boundary) and with a code given", () => {
  const original = notOwner();
  const crossed: unknown = JSON.parse(JSON.stringify(original));
  expect(isImageMemberError(original, "ERR_NOT_IMAGE_OWNER")).toBe(true);
  expect(isImageMemberError(crossed)).toBe(true);
  expect(isImageMemberError(crossed, "ERR_NOT_IMAGE_OWNER")).toBe(true);
  expect(isImageMemberError(crossed, "ERR_FORBIDDEN")).toBe(false);
  expect(isImageMemberError(new ImageMemberError("ERR_INVALID_INPUT", "x"), "ERR_INVALID_INPUT")).toBe(true);
});

test("other errors (bugs) reach the engine unchanged, stack trace included", async () => {
  const bug = new TypeError("cannot read properties of undefined");
  const hooks = presentErrors(hooksThrowing(() => bug));
  await expect(hooks.delete("id", {})).rejects.toBe(bug);
  expect(engineFacing("a string")).toBe("a string");
  expect(engineFacing(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toMatchObject({
    code: "ECONNRESET",
  });
});

test("results pass through unchanged, with the hook's own `this`", async () => {
  const seen: unknown[] = [];
  const inner: ProviderHooks = {
    ...hooksThrowing(() => new Error("unused")),
    async create(this: unknown, inputs: unknown) {
      seen.push(this, inputs);
      return { id: "i/m", outs: { a: 1 } };
    },
  };
  const hooks = presentErrors(inner);
  await expect(hooks.create({ imageId: "i" })).resolves.toEqual({ id: "i/m", outs: { a: 1 } });
  expect(seen).toEqual([inner, { imageId: "i" }]);
});
