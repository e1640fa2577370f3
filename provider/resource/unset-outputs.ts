/**
 * Every output of a resource, each `undefined`: what a dynamic resource's constructor passes
 * before the inputs given, so that the engine fills each one in. An output missing from the
 * constructor's properties never gets a value: an optional input left out (`region`, say) would
 * leave `resource.region` undefined rather than an output. Taken from the package schema
 * (provider/plugin/schema.ts), the one definition that the classes' declarations and doc comments,
 * the plugin's SDKs and the reference pages follow (test/plugin/schema.test.ts,
 * test/resource/outputs.test.ts).
 */
export function unsetOutputs(outputs: object): Record<string, undefined> {
  return Object.fromEntries(Object.keys(outputs).map((name) => [name, undefined]));
}
