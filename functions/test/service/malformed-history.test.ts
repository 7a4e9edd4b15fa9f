/**
 * Malformed history documents, one at a time, through a whole training:
 * each is refused with a message naming the document (and the group),
 * recorded as the category's last_error, and the serving model stays and
 * keeps answering. The documents go through the same code the Firestore
 * source runs on what it reads.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { BadHistoryError } from "../../src/domain/errors";
import { silentLogger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { DocumentHistorySource } from "../support/document-history";
import { sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

type Docs = Map<string, Record<string, unknown>>;

/** Each case edits the good documents; `names` is what the error says. */
const CASES: [string, (docs: Docs) => void, RegExp, string | null][] = [
  [
    "a count as a string",
    (docs) => (docs.get("2003")!.MALE = "24000"),
    /years\/2003: group "MALE": the string "24000" is not a number/,
    "2003",
  ],
  [
    "a negative count",
    (docs) => (docs.get("2004")!.FEMALE = -12),
    /years\/2004: group "FEMALE": -12 is negative/,
    "2004",
  ],
  [
    "NaN",
    (docs) => (docs.get("2005")!.MALE = NaN),
    /years\/2005: group "MALE": NaN is not a finite number/,
    "2005",
  ],
  [
    "Infinity",
    (docs) => (docs.get("2006")!.FEMALE = Infinity),
    /years\/2006: group "FEMALE": Infinity is not a finite number/,
    "2006",
  ],
  [
    "a fraction",
    (docs) => (docs.get("2007")!.MALE = 100.5),
    /years\/2007: group "MALE": 100\.5 is not a whole number/,
    "2007",
  ],
  [
    "null",
    (docs) => (docs.get("2008")!.MALE = null),
    /years\/2008: group "MALE": null is not a number/,
    "2008",
  ],
  [
    "a timestamp",
    (docs) => (docs.get("2009")!.FEMALE = new Date(0)),
    /years\/2009: group "FEMALE": a Date is not a number/,
    "2009",
  ],
  [
    "a map",
    (docs) => (docs.get("2010")!.MALE = { count: 5 }),
    /years\/2010: group "MALE": an object is not a number/,
    "2010",
  ],
  [
    "a year id like 19x9",
    (docs) => docs.set("19x9", { MALE: 1, FEMALE: 2 }),
    /document id "19x9" is not a four-digit year/,
    "19x9",
  ],
  [
    "a three-digit year id",
    (docs) => docs.set("199", { MALE: 1, FEMALE: 2 }),
    /document id "199" is not a four-digit year/,
    "199",
  ],
  [
    "an empty year (every group missing)",
    (docs) => docs.set("2001", {}),
    /years\/2001: holds none of the 2 groups of sex .*; it is empty/,
    "2001",
  ],
  [
    "a year of unknown groups only",
    (docs) => docs.set("2002", { male: 1, female: 2 }),
    /years\/2002: holds none of the 2 groups of sex .*"male", "female"/,
    "2002",
  ],
];

let dir: string;
let history: DocumentHistorySource;
let registry: FileModelRegistry;
let service: ForecastService;
let goodVersion: string;
let good: Docs;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-malformed-"));
  history = new DocumentHistorySource();
  history.set("sex", sexHistory(1990, 2014));
  good = new Map(
    [...history.documents.get("sex")!].map(([id, data]) => [id, { ...data }])
  );
  registry = new FileModelRegistry(path.join(dir, "registry"));
  service = new ForecastService({
    history,
    blobs: new LocalBlobStore(path.join(dir, "models")),
    registry,
    logger: silentLogger,
    config: TINY_CONFIG,
  });
  goodVersion = (await service.train("sex")).version;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Puts back the good documents, then applies `edit` to them. */
function documentsWith(edit: (docs: Docs) => void): void {
  const docs: Docs = new Map(
    [...good].map(([id, data]) => [id, { ...data }])
  );
  edit(docs);
  history.documents.set("sex", docs);
}

describe.each(CASES)("%s", (_label, edit, message, year) => {
  beforeEach(() => documentsWith(edit));

  test("an explicit training fails naming it (422); nothing changes",
    async () => {
      const training = service.train("sex");
      await expect(training).rejects.toBeInstanceOf(BadHistoryError);
      await expect(training).rejects.toMatchObject({ kind: "bad-data" });
      await expect(training).rejects.toThrow(message);
      expect((await registry.getServing("sex"))?.version).toBe(goodVersion);
      expect(await registry.listVersions("sex")).toHaveLength(1);
    }
  );

  test("an automatic one records it as last_error; the model serves",
    async () => {
      const result = await service.retrain("sex", {
        trigger: "edit",
        force: false,
      });
      expect(result.kind).toBe("bad-history");
      const status = await registry.getStatus("sex");
      expect(status.last_error?.message).toMatch(message);
      expect(status.last_error?.document).toBe(
        year === null ? null : `emigrantData/sex/years/${year}`
      );
      const forecast = await service.predict("sex", 3);
      expect(forecast.model_version).toBe(goodVersion);
      expect(forecast.predictions).toHaveLength(3);
    }
  );
});

describe("what the dashboard may legitimately write", () => {
  afterEach(() => documentsWith(() => undefined));

  test("a year missing one group counts it as 0 and trains", async () => {
    documentsWith((docs) => delete docs.get("2003")!.FEMALE);
    const trained = await service.train("sex");
    expect(trained.serving).toBe(true);
    expect((await service.predict("sex", 1)).predictions).toHaveLength(1);
  });

  test("an extra group is trained and served after the known ones",
    async () => {
      documentsWith((docs) => {
        for (const data of docs.values()) data["NOT REPORTED"] = 3;
      });
      await service.train("sex");
      const forecast = await service.predict("sex", 1);
      expect(Object.keys(forecast.predictions[0].predictions)).toEqual([
        "MALE",
        "FEMALE",
        "NOT REPORTED",
      ]);
    }
  );
});
