/**
 * @module The documented shape of a contact's `info` document: every path a filter or
 * sort may name (`info.<path>`), its type, and what it holds. No other path is
 * a field. Stored documents are not validated: any path may be missing, null
 * or of another type, and the language treats such a value as absent.
 */
import {
  boolean,
  currencyAmounts,
  date,
  dateTime,
  integer,
  number,
  type ObjectSchema,
  object,
  objects,
  string,
  strings,
} from "./types.ts";

/** The cloud / commerce partner values the documentation lists for `info.partner`. */
const PARTNERS = [
  "",
  "ADYEN",
  "ALIBABA",
  "ANTIGRAVITY",
  "ANTHROPIC",
  "AWS",
  "AWS_CHINA",
  "AZURE",
  "CHARGEBEE",
  "CLICKUP",
  "DATABRICKS",
  "DATADOG",
  "DEEPSEEK",
  "DOCUSIGN",
  "DNS",
  "GCP",
  "GITHUB",
  "GONG",
  "GOOGLE",
  "HUBSPOT",
  "INTUIT",
  "KIMI",
  "LAGO",
  "MARKETO",
  "METRONOME",
  "MICROSOFT",
  "MINIMAX",
  "NOTION",
  "OPENAI",
  "ORACLE",
  "ORB",
  "REDHAT",
  "SALESFORCE",
  "SLACK",
  "SNOWFLAKE",
  "STRIPE",
  "ZOHO",
  "OAUTH2",
] as const;

/** The enrichment record's lifecycle states. */
export const ENRICHMENT_STATUSES = ["active", "stale", "archived"] as const;

const opportunity: ObjectSchema = {
  amount: number("value of the deal"),
  closeDate: date("expected close date, or the actual one once closed"),
  createdDate: dateTime("when the opportunity was created in the CRM; written like `2024-03-05T10:20:30.000+0000`"),
  currencyIsoCode: string("currency of `amount`, e.g. `USD`, `EUR`"),
  id: string("the opportunity's id in the CRM"),
  name: string("the opportunity's name"),
  ownerEmail: string("email address of the opportunity's owner"),
  ownerName: string("name of the opportunity's owner"),
  probability: number("chance of closing, 0 to 100"),
  stageName: string("sales stage, e.g. `Prospecting`, `Closed Won`, `Closed Lost`"),
};

const account: ObjectSchema = {
  createdDate: date("when the account was created in the CRM"),
  domain: string("the domain of the account's website"),
  id: string("the account's id in the CRM"),
  industry: string("the account's industry"),
  name: string("the account's name"),
  opportunities: objects(opportunity, "the account's opportunities"),
  source: string("`Predicted` (matched by domain) or `Referral` (seen in referral activity)"),
  type: string("relationship, e.g. `Customer`, `Prospect`, `Target`"),
};

const engagementMonth: ObjectSchema = {
  cosellDeals: integer("referrals created in the month"),
  opportunityActivity: integer("opportunities with activity in the month"),
  period: string("the month, `YYYY-MM`"),
};

const customerLocation: ObjectSchema = {
  location: string("a customer location, e.g. `Seattle, WA, US`"),
  region: string("its sales region, e.g. `US West`, `EMEA`, `APAC`"),
};

const opportunityOwner: ObjectSchema = {
  email: string("the owner's email address"),
  name: string("the owner's name"),
};

const workExperience: ObjectSchema = {
  current: boolean("whether this is the person's current position"),
  endDate: dateTime("when the position ended; null while it is current", { nullable: true }),
  organizationName: string("the employer"),
  startDate: dateTime("when the position started"),
  title: string("the job title held"),
};

const cosellPartnerMetrics: ObjectSchema = {
  accountCount: integer("how many distinct CRM accounts are linked to the contact (the length of `accounts`)"),
  accounts: objects(account, "CRM accounts linked through the contact's referrals"),
  closedLostCount: integer("referrals assigned to the contact that closed lost"),
  closedWonAmount: currencyAmounts("closed-won deal value per currency, e.g. `closedWonAmount.USD`"),
  closedWonCount: integer("referrals assigned to the contact that closed won"),
  engagementTimeSeries: objects(engagementMonth, "monthly engagement over the last six months, oldest first"),
  inboundReferralCount: integer("inbound referrals assigned to the contact"),
  industries: strings("the distinct normalized industries of the contact's accounts"),
  locations: objects(customerLocation, "customer locations with their sales region"),
  managedDomains: strings("the distinct customer domains seen in the contact's referrals"),
  oppOwners: objects(opportunityOwner, "the distinct opportunity owners across the accounts, sorted by name"),
  outboundReferralCount: integer("outbound referrals assigned to the contact"),
  pipeline: currencyAmounts("value of active (accepted) referral deals per currency, e.g. `pipeline.EUR`"),
  source: string("how the partner contact came to be: `Referral`, or `Predicted` until it has referral activity"),
  successRate: number(
    "win rate in percent, closedWon / (closedWon + closedLost) × 100; null while nothing has closed",
    {
      nullable: true,
    },
  ),
};

const enrichmentDetails: ObjectSchema = {
  apolloId: string("the enrichment provider's id of the person, for re-enrichment"),
  isPrimary: boolean("whether this is the organization's highest-seniority partnership contact"),
  seniority: string("seniority inferred from the job title, e.g. `vp`, `director`, `manager`, `ic`"),
  workExperiences: objects(workExperience, "the person's positions"),
};

const enrichedContactInfo: ObjectSchema = {
  city: string("city"),
  companyDomain: string("the domain of the person's company"),
  companyName: string("the person's company"),
  country: string("country"),
  creationTime: dateTime("when the enrichment record was created"),
  email: string("email address found by enrichment"),
  firstName: string("first name"),
  id: string("the enrichment record's id"),
  info: object(enrichmentDetails, "further structured enrichment data"),
  jobFunction: string("job function, e.g. `Partnerships`"),
  jobTitle: string("job title"),
  lastName: string("last name"),
  lastUpdateTime: dateTime("when the enrichment record last changed"),
  linkedIn: string("LinkedIn profile URL"),
  name: string("full name"),
  phone: string("phone number"),
  s3KeyPicture: string("storage key of the person's picture"),
  status: string("state of the enrichment record", { enum: ENRICHMENT_STATUSES }),
  twitter: string("Twitter / X handle"),
};

export const INFO_SCHEMA: ObjectSchema = {
  companyLocation: string("where the contact's company is located"),
  companyName: string("the contact's company"),
  cosellPartnerMetrics: object(
    cosellPartnerMetrics,
    "computed co-selling metrics; present only on partner contacts (tagged `partner`)",
  ),
  enrichedContactInfo: object(enrichedContactInfo, "what the enrichment service found about the person"),
  lastModifiedBy: string("who last changed the record"),
  partner: string("the cloud or commerce partner the contact belongs to", { enum: PARTNERS }),
  phoneNumber: string("phone number"),
  role: string("the contact's role"),
};
