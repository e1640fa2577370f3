import * as pulumi from "@pulumi/pulumi";

/** A resource as a program registered it with the engine (runtime mocks: no hook runs). */
export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/**
 * Installs Pulumi's runtime mocks before the file's tests and returns the list every registration
 * lands in; `state` gives the outputs the mock engine answers with (default: the inputs).
 */
export function recordRegistrations(
  state: (inputs: Record<string, unknown>) => Record<string, unknown> = (inputs) => inputs,
): Registered[] {
  const registered: Registered[] = [];
  beforeAll(() => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: state(args.inputs) };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
  });
  return registered;
}

/** The value of an output, once known. */
export const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
