/**
 * Requests that fail before a route runs (the router decoding the path,
 * the body parser inflating the body) get a message saying what is wrong,
 * and no message repeats more than a few dozen characters of the input.
 */
import { gzipSync } from "node:zlib";
import request from "supertest";
import { echo } from "../../src/api/echo";
import { appOver } from "../support/service-double";

const app = appOver({});

test("echo keeps short input and clips long input, counting characters",
  () => {
    expect(echo("sex")).toBe("sex");
    expect(echo("x".repeat(40))).toBe("x".repeat(40));
    expect(echo("😀".repeat(50))).toBe(`${"😀".repeat(40)}... (50 chars)`);
  }
);

test("a malformed percent-encoding in the path → 400 saying so", async () => {
  const res = await request(app).post("/api/predict/%E0%A4%A").send({});
  expect(res.status).toBe(400);
  expect(res.body.error).toBe("Malformed percent-encoding in the request path");
});

test("a body that is not the gzip it claims → 400 saying so", async () => {
  const res = await request(app)
    .post("/api/predict/sex")
    .set("Content-Type", "application/json")
    .set("Content-Encoding", "gzip")
    .serialize((body: unknown) => body as string)
    .send(Buffer.from('{"years_ahead": 2}'));
  expect(res.status).toBe(400);
  expect(res.body.error).toMatch(/does not decompress/);
});

test("a gzip bomb → 413 once inflated past 10 kB", async () => {
  const bomb = gzipSync(`{"pad": "${" ".repeat(1_000_000)}"}`);
  expect(bomb.length).toBeLessThan(10 * 1024);
  const res = await request(app)
    .post("/api/predict/sex")
    .set("Content-Type", "application/json")
    .set("Content-Encoding", "gzip")
    .serialize((body: unknown) => body as string)
    .send(bomb);
  expect(res.status).toBe(413);
});

test.each([
  ["an unknown category", `/api/model-info/${"a".repeat(5000)}`, 400],
  ["an unknown path", `/api/${"b".repeat(5000)}`, 404],
  ["a wrong method", `/api/predict/${"c".repeat(5000)}`, 405],
])("%s is named by its first characters only", async (_label, url, status) => {
  const res = await request(app).get(url);
  expect(res.status).toBe(status);
  expect(res.body.error).toMatch(/\.\.\. \(\d+ chars\)/);
  expect(res.body.error.length).toBeLessThan(200);
});

test("an unknown field with a long name is clipped too", async () => {
  const res = await request(app)
    .post("/api/predict/sex")
    .send({ ["k".repeat(3000)]: 1 });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatch(/^Unknown field 'k{40}\.\.\. \(3000 chars\)'/);
});
