import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { client } from "./connect.js";

// The whole organization as CSV, written to a file as it arrives.
const path = join(tmpdir(), "contacts.csv");
const file = createWriteStream(path);
let records = 0;
for await (const chunk of client.export({
  format: "csv",
  fields: ["name", "email_address", "info.partner", "tags"],
  onProgress: (done) => {
    records = done;
  },
})) {
  if (!file.write(chunk)) await once(file, "drain");
}
file.end();
await once(file, "finish");
console.log(`wrote ${records} contacts to ${path}`);
