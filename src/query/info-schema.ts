import { bool, currencyMap, num, type ObjectSchema, obj, objects, str, strings, time } from "./types.ts";

/**
 * The documented schema of a contact's `info` document, from the response
 * schema of the contact API. It types every `info.<path>` a filter or sort may
 * use; a path outside it is an unknown field (400 with a suggestion).
 * `time` fields hold ISO-8601 strings (dates or date-times).
 */
const opportunity: ObjectSchema = {
  amount: num,
  closeDate: time,
  currency: str,
  id: str,
  isClosed: bool,
  isWon: bool,
  name: str,
  stageName: str,
};

const account: ObjectSchema = {
  createdDate: time,
  domain: str,
  id: str,
  industry: str,
  name: str,
  opportunities: objects(opportunity),
};

const workExperience: ObjectSchema = {
  companyName: str,
  endDate: time,
  isCurrent: bool,
  startDate: time,
  title: str,
};

export const INFO_SCHEMA: ObjectSchema = {
  companyLocation: str,
  companyName: str,
  cosellPartnerMetrics: obj({
    accountCount: num,
    accounts: objects(account),
    /** Closed-won amount per 3-letter currency code, e.g. `closedWonAmount.USD`. */
    closedWonAmount: currencyMap,
    /** Open pipeline amount per 3-letter currency code, e.g. `pipeline.EUR`. */
    pipeline: currencyMap,
  }),
  enrichedContactInfo: obj({
    city: str,
    companyDomain: str,
    companyName: str,
    country: str,
    createdAt: time,
    email: str,
    firstName: str,
    fullName: str,
    id: str,
    info: obj({
      department: str,
      headline: str,
      seniority: str,
      skills: strings,
      workExperiences: objects(workExperience),
    }),
    jobTitle: str,
    lastName: str,
    linkedinUrl: str,
    /** One of active, stale, archived. */
    status: str,
    updatedAt: time,
  }),
  lastModifiedBy: str,
  /** The cloud marketplace partner, e.g. AWS, AZURE, GCP. */
  partner: str,
  phoneNumber: str,
  role: str,
};
