/**
 * The seven breakdowns the dashboard shows, the Firestore dataset each one
 * lives in, and the order in which the dashboard lists its groups.
 *
 * This module is the single source of truth for category names: the API,
 * the CLI and the importer all validate against it.
 */

export const CATEGORIES = [
  "age",
  "sex",
  "civil_status",
  "education",
  "occupation",
  "origin",
  "destination",
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface CategorySpec {
  /** API name, as in `/api/predict/<category>`. */
  category: Category;
  /** Document id under `emigrantData/` that holds the yearly documents. */
  dataset: string;
  /** Human label for logs and the CLI. */
  label: string;
  /**
   * Groups in the order the dashboard shows them. Groups found in the data
   * but missing here come after these, sorted by name.
   */
  groups: readonly string[];
}

const REGIONS = [
  "Region I - Ilocos Region",
  "Region II - Cagayan Valley",
  "Region III - Central Luzon",
  "Region IV A - CALABARZON",
  "Region IV B - MIMAROPA",
  "Region V - Bicol Region",
  "Region VI - Western Visayas",
  "Region VII - Central Visayas",
  "Region VIII - Eastern Visayas",
  "Region IX - Zamboanga Peninsula",
  "Region X - Northern Mindanao",
  "Region XI - Davao Region",
  "Region XII - SOCCSKSARGEN",
  "Region XIII - Caraga",
  "Autonomous Region in Muslim Mindanao (ARMM)",
  "Cordillera Administrative Region (CAR)",
  "National Capital Region (NCR)",
] as const;

export const CATEGORY_SPECS: Readonly<Record<Category, CategorySpec>> = {
  age: {
    category: "age",
    dataset: "age",
    label: "Age group",
    groups: [
      "14 - Below",
      "15 - 19",
      "20 - 24",
      "25 - 29",
      "30 - 34",
      "35 - 39",
      "40 - 44",
      "45 - 49",
      "50 - 54",
      "55 - 59",
      "60 - 64",
      "65 - 69",
      "70 - Above",
      "Not Reported / No Response",
    ],
  },
  sex: {
    category: "sex",
    dataset: "sex",
    label: "Sex",
    groups: ["MALE", "FEMALE"],
  },
  civil_status: {
    category: "civil_status",
    dataset: "civilStatus",
    label: "Civil status",
    groups: [
      "Single",
      "Married",
      "Widower",
      "Separated",
      "Divorced",
      "Not Reported",
    ],
  },
  education: {
    category: "education",
    dataset: "education",
    label: "Educational attainment",
    groups: [
      "Not of Schooling Age",
      "Elementary",
      "High School",
      "Vocational",
      "College",
      "Post Graduate",
      "Non-Formal Education",
      "Not Reported / No Response",
    ],
  },
  occupation: {
    category: "occupation",
    dataset: "occupation",
    label: "Occupation before leaving",
    groups: [
      "Professional",
      "Managerial",
      "Clerical",
      "Sales",
      "Service",
      "Agriculture",
      "Production",
      "Armed Forces",
      "Housewives",
      "Retirees",
      "Students",
      "Minors",
      "Out of School Youth",
      "No Occupation Reported",
    ],
  },
  origin: {
    category: "origin",
    dataset: "region",
    label: "Region of origin",
    groups: REGIONS,
  },
  destination: {
    category: "destination",
    dataset: "majorDestination",
    label: "Major destination country",
    groups: [
      "USA",
      "CANADA",
      "JAPAN",
      "AUSTRALIA",
      "ITALY",
      "NEW ZEALAND",
      "UNITED KINGDOM",
      "GERMANY",
      "SOUTH KOREA",
      "SPAIN",
      "OTHERS",
    ],
  },
};

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** The category stored under `emigrantData/<dataset>`, if any. */
export function categoryForDataset(dataset: string): Category | undefined {
  return CATEGORIES.find((c) => CATEGORY_SPECS[c].dataset === dataset);
}

/**
 * Orders group names as the dashboard does: known groups first in their
 * fixed order, then any unknown extra groups sorted by name.
 */
export function orderGroups(
  category: Category,
  names: Iterable<string>
): string[] {
  const present = new Set(names);
  const known = CATEGORY_SPECS[category].groups.filter((g) => present.has(g));
  const knownSet = new Set<string>(known);
  const extra = [...present].filter((g) => !knownSet.has(g)).sort();
  return [...known, ...extra];
}
