import { client } from "./connect.js";

// The fields a filter may name, with their types and operators.
const { fields } = await client.fields();
for (const field of fields.filter((each) => each.enum)) {
  console.log(
    `${field.name} (${field.type}): one of ${field.enum?.length} values, operators ${field.operators.join(" ")}`,
  );
}
console.log(`${fields.length} fields in all`);

// After a bulk change to the contacts, make every cached answer stale at once.
const { generation } = await client.purge();
console.log(`cache generation ${generation}`);
