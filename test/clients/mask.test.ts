/** The masking of client output: what differs between two clouds for the same run goes, behaviour stays. */
import type { CloudFixtures } from "../../provider/testing";
import { mask } from "./mask";

const fixtures = (consumerId: string) =>
  ({
    projects: {
      owner: { id: "0a".repeat(16) },
      consumer: { id: consumerId },
      third: { id: "0c".repeat(16) },
    },
    users: {
      owner: { id: "1a".repeat(16) },
      consumer: { id: "1b".repeat(16) },
      third: { id: "1c".repeat(16) },
    },
  }) as unknown as CloudFixtures;

test("openstacksdk's set-ordered error parts compare equal whatever the ids, and whichever order the set gave", () => {
  const line = (id: string, parts: string[]) =>
    `"ResourceNotFound: 404: Client Error for url: http://127.0.0.1:9292/v2/images/6f1c9a52-3b7e-4d0a-9e21-8c4b5a7d2f10/members/${id}, ${parts.join(": ")}"`;
  const low = "0123456789abcdef0123456789abcdef";
  const high = "f123456789abcdef0123456789abcdef";
  const message = (id: string) =>
    `${id} not found in the member list of the image 6f1c9a52-3b7e-4d0a-9e21-8c4b5a7d2f10.`;
  const a = mask(line(low, [message(low), "404 Not Found"]), fixtures(low));
  const b = mask(line(high, ["404 Not Found", message(high)]), fixtures(high));
  expect(a).toBe(b);
  expect(a).toContain("<consumer-project-id> not found in the member list of the image <uuid>.");
});
