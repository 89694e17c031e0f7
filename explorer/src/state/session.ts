/**
 * The API key, kept for this tab only (`sessionStorage`: gone when the tab
 * closes, never in the URL, never sent anywhere but in the Authorization
 * header of the page's own requests). The organization is remembered beside
 * it, so that a reload without a fragment keeps working.
 */
const KEY = "contact-explorer:api-key";
const ORG = "contact-explorer:organization";

export function storedKey(): string {
  return read(KEY);
}

export function storeKey(key: string): void {
  write(KEY, key);
}

export function storedOrganization(): string {
  return read(ORG);
}

export function storeOrganization(org: string): void {
  write(ORG, org);
}

function read(name: string): string {
  try {
    return sessionStorage.getItem(name) ?? "";
  } catch {
    return ""; // storage disabled: the fields simply start empty
  }
}

function write(name: string, value: string): void {
  try {
    if (value) sessionStorage.setItem(name, value);
    else sessionStorage.removeItem(name);
  } catch {
    // storage disabled: the value lives as long as the page
  }
}
