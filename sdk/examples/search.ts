import { ContactQueryError } from "contact-query-sdk";
import { client } from "./connect.js";

// A search box: every word must begin a word of the name, e-mail or company.
// Each keystroke aborts the previous request; waiting for a third letter keeps searches cheap.
let pending: AbortController | undefined;
async function suggest(text: string): Promise<string[]> {
  pending?.abort();
  if (text.trim().length < 3) return [];
  const controller = new AbortController();
  pending = controller;
  const page = await client.query({
    search: text,
    fields: ["name", "email_address"],
    page_size: 5,
    count: "none",
    signal: controller.signal,
  });
  return page.data.map((contact) => `${contact.name} <${contact.emailAddress}>`);
}

for (const typed of ["ad", "ada", "ada lov"]) {
  try {
    console.log(JSON.stringify(typed), "→", await suggest(typed));
  } catch (error) {
    if (error instanceof ContactQueryError && error.param === "search") console.log(error.detail);
    else throw error;
  }
}
