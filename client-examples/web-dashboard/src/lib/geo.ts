// A plain projection for an offline map: longitude and latitude scaled by the cosine of the
// middle latitude (equirectangular), fitted into a box; plus a scale bar and grid steps.

export interface Point {
  latitude: number;
  longitude: number;
}

export interface Projection {
  x: (p: Point) => number;
  y: (p: Point) => number;
  kmPerUnit: number;
  bounds: { minLat: number; maxLat: number; minLon: number; maxLon: number };
}

const MIN_SPAN = 0.01; // degrees: a single point still gets a map of about 1 km

export function fit(points: Point[], width: number, height: number, pad: number): Projection {
  const lats = points.map((p) => p.latitude);
  const lons = points.map((p) => p.longitude);
  let [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  let [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  if (!points.length) [minLat, maxLat, minLon, maxLon] = [16.0, 16.8, 107.0, 108.2];
  const widen = (lo: number, hi: number): [number, number] => {
    const extra = Math.max(0, MIN_SPAN - (hi - lo)) / 2;
    return [lo - extra, hi + extra];
  };
  [minLat, maxLat] = widen(minLat, maxLat);
  [minLon, maxLon] = widen(minLon, maxLon);
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * cos;
  const spanY = maxLat - minLat;
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    x: (p) => offsetX + (p.longitude - minLon) * cos * scale,
    y: (p) => offsetY + (maxLat - p.latitude) * scale,
    kmPerUnit: 111.32 / scale,
    bounds: { minLat, maxLat, minLon, maxLon },
  };
}

/** A round distance (km) near `target` for the scale bar: 1, 2, 5 × 10^n. */
export function niceDistance(target: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const steps = [1, 2, 5, 10].map((f) => f * magnitude);
  return steps.reduce((best, step) => (Math.abs(step - target) < Math.abs(best - target) ? step : best));
}

/** Grid values between lo and hi at a round step (about `count` lines). */
export function gridLines(lo: number, hi: number, count = 4): number[] {
  const step = niceDistance((hi - lo) / count);
  const lines: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) lines.push(Number(v.toFixed(6)));
  return lines;
}

export function formatKm(km: number): string {
  return km >= 1 ? `${km} km` : `${Math.round(km * 1000)} m`;
}
