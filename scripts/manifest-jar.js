/**
 * Writes a jar that holds nothing but a manifest: `java -jar` on it starts
 * `mainClass` from the jars on `classPath`. Written by hand (a one-entry,
 * uncompressed zip) so that a JRE without the `jar` tool is enough.
 */
"use strict";

const fs = require("node:fs");

/** Manifest lines are at most 72 bytes; longer ones continue after " ". */
const MANIFEST_LINE_BYTES = 72;

/**
 * Writes the launcher jar at `file` unless an identical one is already
 * there (the bytes are deterministic: fixed timestamp, fixed order).
 *
 * @param {string} file  Where the jar goes.
 * @param {{ mainClass: string, classPath: string[] }} manifest
 *   `classPath` holds URLs, absolute (`file:///...`) or relative to the jar.
 * @returns {boolean} Whether the file was (re)written.
 */
function writeManifestOnlyJar(file, manifest) {
  const bytes = buildJar(manifestText(manifest));
  let current = null;
  try {
    current = fs.readFileSync(file);
  } catch {
    // Missing: write it.
  }
  if (current && current.equals(bytes)) return false;
  // Rename into place so a concurrent reader never sees half a jar.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
  return true;
}

/**
 * @param {{ mainClass: string, classPath: string[] }} manifest
 * @returns {string}
 */
function manifestText({ mainClass, classPath }) {
  for (const url of classPath) {
    if (/[\s]/.test(url) || /[^\x21-\x7e]/.test(url)) {
      throw new Error(
        `Class-Path entry must be an ASCII URL without spaces: ${url}`
      );
    }
  }
  const headers = [
    ["Manifest-Version", "1.0"],
    ["Created-By", "cfo-emigration-forecast scripts/manifest-jar.js"],
    ["Main-Class", mainClass],
    ["Class-Path", classPath.join(" ")],
  ];
  const lines = headers.flatMap(([name, value]) =>
    wrapHeader(`${name}: ${value}`)
  );
  // The manifest must end with a line break, or the last header is lost.
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/**
 * Splits one ASCII header line into 72-byte manifest lines.
 *
 * @param {string} line
 * @returns {string[]}
 */
function wrapHeader(line) {
  const parts = [line.slice(0, MANIFEST_LINE_BYTES)];
  for (
    let start = MANIFEST_LINE_BYTES;
    start < line.length;
    start += MANIFEST_LINE_BYTES - 1
  ) {
    parts.push(` ${line.slice(start, start + MANIFEST_LINE_BYTES - 1)}`);
  }
  return parts;
}

/**
 * A zip archive with the single stored entry META-INF/MANIFEST.MF.
 *
 * @param {string} manifest
 * @returns {Buffer}
 */
function buildJar(manifest) {
  const name = Buffer.from("META-INF/MANIFEST.MF", "ascii");
  const data = Buffer.from(manifest, "utf8");
  const crc = crc32(data);
  // DOS date 1980-01-01 00:00, so identical input gives identical bytes.
  const dosTime = 0;
  const dosDate = (1 << 5) | 1;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed: 1.0, stored entries
  local.writeUInt16LE(0, 6); // flags
  local.writeUInt16LE(0, 8); // method: stored
  local.writeUInt16LE(dosTime, 10);
  local.writeUInt16LE(dosDate, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28); // extra field length

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // made by: 2.0
  central.writeUInt16LE(10, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(dosTime, 12);
  central.writeUInt16LE(dosDate, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  // extra, comment, disk, internal and external attributes: all zero;
  // the local header is at offset 0.
  central.writeUInt32LE(0, 42);

  const centralOffset = local.length + name.length + data.length;
  const centralSize = central.length + name.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8); // entries on this disk
  end.writeUInt16LE(1, 10); // entries in total
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);

  return Buffer.concat([local, name, data, central, name, end]);
}

let crcTable = null;

/**
 * CRC-32 (IEEE 802.3), as zip stores it.
 *
 * @param {Buffer} bytes
 * @returns {number} Unsigned 32-bit checksum.
 */
function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

module.exports = { writeManifestOnlyJar, manifestText, crc32 };
