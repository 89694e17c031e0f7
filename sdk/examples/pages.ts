import { f } from "contact-query-sdk";
import { client } from "./connect.js";

// Every VIP contact, 20 at a time: each page costs about what the first does, however deep.
let contacts = 0;
let pages = 0;
for await (const page of client.pages({ q: f.has("tags", "vip"), s: "name", page_size: 20, count: "none" })) {
  pages += 1;
  contacts += page.data.length;
}
console.log(`${contacts} VIP contacts in ${pages} pages`);
