import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * A Vega-Lite chart as SVG text, rendered in Node without a browser or
 * a canvas ("none" renderer: the scene graph is built and written out
 * as SVG). Vega and Vega-Lite take a few hundred milliseconds to load,
 * so callers import this module only when a chart is asked for.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
