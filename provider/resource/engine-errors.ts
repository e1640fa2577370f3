/**
 * How a failed hook is shown to the user by the Pulumi engine.
 *
 * The dynamic-provider host of `@pulumi/pulumi` sends `e.message` to the engine, which prints it as
 * the resource's `error:` line; for check, diff, read and delete it also writes
 * `${e}: ${e.stack}` to the provider's stderr, which the engine prints under the stack, trace and
 * all. An {@link ImageMemberError} says what happened and what to do in its message, but its code is
 * only in `toString()` and its stack is a trace through this package's files.
 *
 * So the hooks the engine runs ({@link presentErrors}) hand it an {@link EngineFacingError}
 * instead: the code leads the message, and the stack is that same line without frames. Both
 * places then show one line: `ERR_…: what happened. What to do. (the request)` Errors that are
 * not this package's (bugs) reach the engine unchanged, stack trace included.
 */
import { ImageMemberError, isImageMemberError } from "../errors";
import type { ProviderHooks } from "./hooks";

/** An {@link ImageMemberError} as the engine shows it: `code: message`, with no stack trace. */
export class EngineFacingError extends ImageMemberError {
  /** A partial failure's resource id and state, which the host passes on to the engine (./member-batch). */
  readonly id?: string;
  readonly properties?: Record<string, unknown>;
  /** What the engine prints for a partial failure: it shows these, not the message. */
  readonly reasons?: string[];

  constructor(original: ImageMemberError & { id?: string; properties?: Record<string, unknown> }) {
    super(original.code, `${original.code}: ${original.message}`, { cause: original });
    // The host prints `${e}: ${e.stack}`: with these two that reads `ImageMemberError: ERR_…: …`.
    this.stack = this.message;
    if (original.id) {
      this.id = original.id;
      this.properties = original.properties;
      this.reasons = [this.message];
    }
  }

  /** The name only: the message already carries the code (see the class comment). */
  override toString(): string {
    return this.name;
  }
}

/** What the engine should receive for an error a hook threw. */
export function engineFacing(e: unknown): unknown {
  if (e instanceof EngineFacingError) return e;
  // Node's ERR_INVALID_URL or undici's UND_ERR_* are not ours, whatever they look like: they are
  // bugs to show with their stack.
  if (!isImageMemberError(e)) return e;
  const { code, message } = e;
  if (e instanceof ImageMemberError) return new EngineFacingError(e);
  // Another copy of the package (errors are matched on `code` and `origin` for this reason).
  return new EngineFacingError(new ImageMemberError(code, typeof message === "string" ? message : ""));
}

/** The same function, with every error of this package it throws turned into an {@link EngineFacingError}. */
export function presentingErrors<A extends unknown[], R>(
  call: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await call(...args);
    } catch (e) {
      throw engineFacing(e);
    }
  };
}

/** The same hooks, with every error of this package turned into an {@link EngineFacingError}. */
export function presentErrors(hooks: ProviderHooks): ProviderHooks {
  const wrap = presentingErrors;
  return {
    configure: wrap(hooks.configure.bind(hooks)),
    check: wrap(hooks.check.bind(hooks)),
    diff: wrap(hooks.diff.bind(hooks)),
    create: wrap(hooks.create.bind(hooks)),
    read: wrap(hooks.read.bind(hooks)),
    update: wrap(hooks.update.bind(hooks)),
    delete: wrap(hooks.delete.bind(hooks)),
  };
}
