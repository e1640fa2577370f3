/**
 * End-to-end tests (`npm run test:e2e`): the packed package installed into Pulumi programs and run
 * with the real engine. Slow (minutes), so apart from `npm test`; one file at a time, since each
 * drives `pulumi` child processes and the machine has few cores.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.test.ts"],
  testTimeout: 5 * 60_000,
  maxWorkers: 1,
  verbose: true,
};
