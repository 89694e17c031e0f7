import { ContactQueryError } from "contact-query-sdk";
import { client } from "./connect.js";

// Every error answer is a ContactQueryError: status, code, param, position, hint, detail.
try {
  await client.query({ q: '(= emial "ada@acme.com")' });
} catch (error) {
  if (!(error instanceof ContactQueryError)) throw error; // a network failure: fetch's own error
  console.log(`${error.status} ${error.code ?? ""} in ${error.param}: ${error.detail}`);
  if (error.position && "line" in error.position)
    console.log(`  at line ${error.position.line}, column ${error.position.column}`);
  if (error.hint) console.log(`  hint: ${error.hint}`);
}
