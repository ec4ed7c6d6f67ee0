import { createEffect, createMemo, createSignal, Index, on, onCleanup, onMount, Show, untrack } from "solid-js";
import type { JSX } from "solid-js";
import {
  computeBounds,
  dataToScreen,
  DEFAULT_CAMERA,
  fitCamera,
  panBy,
  screenToData,
  unionBounds,
  zoomAbout,
  zoomLimits,
} from "./camera";
import type { Bounds, Camera, Viewport } from "./camera";
import { PointGrid } from "./grid";
import type { PointFilter } from "./grid";
import { estimateTextWidth, placeLabels } from "./labels";
import type { LabelBox } from "./labels";
import { parseHex } from "./palette";
import { autoPointStyle, parseCssColour } from "./style";
import { FLAG_HIGHLIGHTED, FLAG_SELECTED, PointRenderer } from "./renderer";
import type { MapTheme, Rgba } from "./renderer";
import "./map.css";

/** A label in data coordinates. */
export interface MapLabel {
  text: string;
  x: number;
  y: number;
  colour?: string;
}

export interface ExtraPoints {
  positions: Float32Array;
  label: string;
  colour: string;
}

export interface ScatterMapApi {
  /** Where point `index` is now, in client (viewport) CSS pixels; null when off the canvas. */
  screenPositionOf: (index: number) => { x: number; y: number } | null;
  /** Fits the view to the data (and the extra points); later layouts refit too until the user moves. */
  fit: () => void;
  /** Draws a frame now, waits for the GPU, and returns the milliseconds it took (for tests). */
  measureFrame: () => number;
  /** Milliseconds the last hover pick took on the CPU. */
  lastPickMs: () => number;
}

export interface ScatterMapProps {
  /** n*2 data coordinates. Pass a new array for a new layout (or a new epoch): it is compared by identity. */
  positions: Float32Array;
  /** n*4 RGBA. Alpha 0 hides a point and makes hover, click and selection ignore it. */
  colours: Uint8Array;
  /** Drawn larger, on top, with a ring (search hits, neighbours). */
  highlighted?: ReadonlySet<number>;
  /** Drawn with an outline; the other points are dimmed while a selection exists. */
  selected?: ReadonlySet<number>;
  /** Distinct diamond markers with a label, e.g. the embedded query. */
  extraPoints?: ExtraPoints[];
  /** Overlay labels in priority order (the first wins where labels would overlap). */
  labels?: MapLabel[];
  onHover?: (index: number | null, clientX: number, clientY: number) => void;
  /** A click on a point. */
  onPick?: (index: number) => void;
  /** A box or lasso selection (indices ascending); Escape sends [] to clear. */
  onSelect?: (indices: number[]) => void;
  onReady?: (api: ScatterMapApi) => void;
  /** Ordinary point diameter in CSS pixels; by default from the number of points and the zoom. */
  pointSize?: number;
  /** Ordinary point opacity 0..1; by default from the number of points and the zoom. */
  opacity?: number;
  ariaLabel: string;
  testId?: string;
}

type Mode = "pan" | "box" | "lasso";

interface Drag {
  kind: Mode;
  pointerId: number;
  startX: number;
  startY: number;
  lastX: number;
  lastY: number;
  moved: boolean;
  /** Lasso vertices, screen pixels x,y,… */
  path: number[];
}

/** Hover and click reach this many CSS pixels beyond a point's edge. */
const PICK_SLOP_PX = 4;
/** …and never less than this from its centre, so that sparse maps are easy to hover. */
const PICK_MIN_RADIUS_PX = 9;
const CLICK_TOLERANCE_PX = 4;
const KEY_PAN_PX = 80;
const KEY_ZOOM = 1.4;
const BUTTON_ZOOM = 1.6;
const LABEL_FONT_PX = 12;
const LABEL_HEIGHT_PX = 18;
/** Frames during a pan or zoom aim at this many milliseconds. */
const LOD_FRAME_BUDGET_MS = 28;
const LOD_MIN_POINTS = 20000;
/** The view counts as moving for this long after the last pan or zoom step. */
const LOD_SETTLE_MS = 140;

const FALLBACK_THEME: MapTheme = {
  outline: [0.9, 0.93, 0.95, 1],
  ring: [0.18, 0.83, 0.75, 1],
  halo: [0.06, 0.08, 0.1, 1],
};

export function ScatterMap(props: ScatterMapProps): JSX.Element {
  // Assigned by the ref callbacks before onMount runs.
  let root = undefined as unknown as HTMLDivElement;
  let canvas = undefined as unknown as HTMLCanvasElement;
  let probe = undefined as unknown as HTMLSpanElement;
  let renderer: PointRenderer | null = null;
  let grid: PointGrid | null = null;
  let accept: PointFilter | undefined;
  let theme: MapTheme = FALLBACK_THEME;
  let userMoved = false;
  let drag: Drag | null = null;
  let frame = 0;
  let pickMs = 0;
  let dpr = 1;
  let measureContext: CanvasRenderingContext2D | null | undefined;
  const textWidths = new Map<string, number>();

  const [camera, setCamera] = createSignal<Camera>({ ...DEFAULT_CAMERA });
  const [viewport, setViewport] = createSignal<Viewport>({ width: 0, height: 0 });
  const [mode, setMode] = createSignal<Mode>("pan");
  const [status, setStatus] = createSignal<"starting" | "ready" | "unsupported" | "lost">("starting");
  const [box, setBox] = createSignal<{ x: number; y: number; width: number; height: number } | null>(null);
  const [lasso, setLasso] = createSignal<string | null>(null);
  const [hovered, setHoveredIndex] = createSignal(-1);

  // Props read through memos: a prop given as an expression is evaluated once per change, not per read.
  const positions = createMemo(() => props.positions);
  const colours = createMemo(() => props.colours);
  const selected = createMemo(() => props.selected);
  const highlighted = createMemo(() => props.highlighted);
  const count = createMemo(() => positions().length >> 1);
  const extraPositions = createMemo(() => {
    const extras = props.extraPoints ?? [];
    const total = extras.reduce((s, e) => s + (e.positions.length >> 1), 0);
    const positions = new Float32Array(total * 2);
    const colours = new Uint8Array(total * 4);
    let at = 0;
    for (const e of extras) {
      const m = e.positions.length >> 1;
      positions.set(e.positions.subarray(0, m * 2), at * 2);
      const c = parseHex(e.colour);
      for (let i = 0; i < m; i++) colours.set(c, (at + i) * 4);
      at += m;
    }
    return { positions, colours };
  });
  const bounds = createMemo<Bounds | null>(() =>
    unionBounds(computeBounds(positions()), computeBounds(extraPositions().positions)),
  );
  const fitted = () => fitCamera(bounds(), viewport());

  // ---- drawing -------------------------------------------------------------------------

  const pointStyle = () => {
    const auto = autoPointStyle(count(), camera().zoom / (fitted().zoom || 1));
    return { size: props.pointSize ?? auto.size, opacity: props.opacity ?? auto.opacity };
  };

  /**
   * Level of detail: on a slow (software) GPU, frames drawn while the view moves show a
   * random sample of the points sized to keep ~30 frames a second, and the full set is drawn
   * once the view rests. The cost of a full frame is measured once per point count and canvas size.
   */
  let fullFrameMs = 0;
  let calibratedFor = "";
  let movingUntil = 0;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let sampleFor = -1;

  const sampleSize = (n: number): number => {
    if (fullFrameMs <= LOD_FRAME_BUDGET_MS || n <= LOD_MIN_POINTS) return 0;
    if (performance.now() >= movingUntil) return 0;
    const m = Math.round((n * LOD_FRAME_BUDGET_MS) / fullFrameMs);
    return m >= n ? 0 : Math.max(LOD_MIN_POINTS, m);
  };

  const draw = (sync = false): number => {
    frame = 0;
    if (!renderer || untrack(status) !== "ready") return 0;
    const n = untrack(count);
    const key = `${n}:${canvas.width}x${canvas.height}`;
    const calibrate = key !== calibratedFor && n > 0;
    let sample = calibrate ? 0 : sampleSize(n);
    if (sample > 0 && sampleFor !== n) {
      renderer.setSample(shuffledOrder(n));
      sampleFor = n;
    }
    if (!renderer.hasSample) sample = 0;
    const style = untrack(pointStyle);
    // A sample looks sparser: make its points a little stronger.
    const boost = sample > 0 ? Math.min(1.6, Math.pow(n / sample, 0.25)) : 1;
    const ms = renderer.render(
      {
        camera: untrack(camera),
        viewport: untrack(viewport),
        devicePixelRatio: dpr,
        pointSize: style.size,
        opacity: Math.min(1, style.opacity * boost),
        hasSelection: (untrack(selected)?.size ?? 0) > 0,
        sample,
        theme,
      },
      sync || calibrate,
    );
    if (calibrate) {
      calibratedFor = key;
      fullFrameMs = ms;
    } else if (sync && sample === 0) fullFrameMs = ms;
    if (sample > 0) {
      // Draw everything once the view has rested.
      clearTimeout(settleTimer);
      settleTimer = setTimeout(requestDraw, Math.max(0, movingUntil - performance.now()) + 10);
    }
    return ms;
  };

  /** Coalesces every change into at most one draw per animation frame. */
  const requestDraw = () => {
    if (frame !== 0 || !renderer) return;
    frame = requestAnimationFrame(() => {
      draw();
    });
  };

  const uploadPositions = () => {
    renderer?.setPositions(positions());
    grid = null;
  };
  const uploadColours = () => {
    const rgba = colours();
    renderer?.setColours(rgba);
    let hidden = false;
    for (let i = 3; i < rgba.length; i += 4) {
      if (rgba[i] === 0) {
        hidden = true;
        break;
      }
    }
    accept = hidden ? (i: number) => (rgba[i * 4 + 3] ?? 0) > 0 : undefined;
  };
  const uploadFlags = () => {
    const n = count();
    const flags = new Uint8Array(n);
    const sel = selected();
    const hi = highlighted();
    const valid = (i: number) => Number.isInteger(i) && i >= 0 && i < n;
    if (sel) for (const i of sel) if (valid(i)) flags[i] = (flags[i] ?? 0) | FLAG_SELECTED;
    if (hi) for (const i of hi) if (valid(i)) flags[i] = (flags[i] ?? 0) | FLAG_HIGHLIGHTED;
    // Selected first, highlighted last, so that highlighted points end up on top.
    const emphasis: number[] = [];
    if (sel) for (const i of sel) if (valid(i) && flags[i] === FLAG_SELECTED) emphasis.push(i);
    if (hi) for (const i of hi) if (valid(i)) emphasis.push(i);
    renderer?.setFlags(flags, Uint32Array.from(emphasis));
  };
  const uploadExtra = () => {
    const extra = extraPositions();
    renderer?.setExtra(extra.positions, extra.colours);
  };
  const uploadAll = () => {
    untrack(() => {
      uploadPositions();
      uploadColours();
      uploadFlags();
      uploadExtra();
    });
  };

  // ---- camera --------------------------------------------------------------------------

  const fit = () => {
    userMoved = false;
    setCamera(fitted());
    requestDraw();
  };
  const moveCamera = (next: Camera) => {
    userMoved = true;
    movingUntil = performance.now() + LOD_SETTLE_MS;
    setCamera(next);
    requestDraw();
  };
  const zoomAt = (sx: number, sy: number, factor: number) => {
    moveCamera(zoomAbout(camera(), viewport(), sx, sy, factor, zoomLimits(fitted())));
  };
  const zoomCentre = (factor: number) => {
    const vp = viewport();
    zoomAt(vp.width / 2, vp.height / 2, factor);
  };

  // ---- picking -------------------------------------------------------------------------

  const ensureGrid = (): PointGrid => {
    const pos = positions();
    if (!grid?.isFor(pos)) grid = PointGrid.build(pos);
    return grid;
  };
  // The canvas's client rectangle, read at most once per animation frame (reading it forces a layout).
  let rect: DOMRect | null = null;
  const canvasRect = (): DOMRect => {
    if (!rect) {
      rect = canvas.getBoundingClientRect();
      requestAnimationFrame(() => {
        rect = null;
      });
    }
    return rect;
  };
  const local = (clientX: number, clientY: number) => {
    const r = canvasRect();
    return { x: clientX - r.left, y: clientY - r.top };
  };
  const pickAt = (sx: number, sy: number): number => {
    const cam = camera();
    const d = screenToData(cam, viewport(), sx, sy);
    const radiusPx = Math.max(PICK_MIN_RADIUS_PX, pointStyle().size / 2 + PICK_SLOP_PX);
    const g = ensureGrid();
    const t0 = performance.now();
    const index = g.nearest(d.x, d.y, radiusPx / cam.zoom, accept);
    pickMs = performance.now() - t0;
    return index;
  };
  const clearHover = (clientX = 0, clientY = 0) => {
    if (hovered() < 0) return;
    setHoveredIndex(-1);
    props.onHover?.(null, clientX, clientY);
  };
  /** The hovered point's marker, drawn as an HTML element so hovering never redraws the canvas. */
  const hoverMark = createMemo(() => {
    const i = hovered();
    if (i < 0 || i >= count()) return null;
    const pos = positions();
    const x = pos[2 * i] ?? NaN;
    const y = pos[2 * i + 1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const s = dataToScreen(camera(), viewport(), x, y);
    const c = colours();
    const size = Math.max(12, pointStyle().size * 2.4);
    return { x: s.x, y: s.y, size, colour: `rgb(${c[i * 4] ?? 0}, ${c[i * 4 + 1] ?? 0}, ${c[i * 4 + 2] ?? 0})` };
  });

  const screenPositionOf = (index: number): { x: number; y: number } | null => {
    if (!Number.isInteger(index) || index < 0 || index >= count()) return null;
    const pos = positions();
    const x = pos[2 * index] ?? NaN;
    const y = pos[2 * index + 1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const s = dataToScreen(camera(), viewport(), x, y);
    const vp = viewport();
    if (s.x < 0 || s.y < 0 || s.x > vp.width || s.y > vp.height) return null;
    const r = canvas.getBoundingClientRect();
    return { x: r.left + s.x, y: r.top + s.y };
  };

  // ---- pointer, wheel and keyboard -----------------------------------------------------

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 && e.button !== 1) return;
    // The middle button pans; keep it from pasting or starting autoscroll.
    if (e.button === 1) e.preventDefault();
    let kind: Mode = mode();
    if (e.button === 1) kind = "pan";
    else if (e.shiftKey) kind = "box";
    else if (e.altKey) kind = "lasso";
    const p = local(e.clientX, e.clientY);
    drag = { kind, pointerId: e.pointerId, startX: p.x, startY: p.y, lastX: p.x, lastY: p.y, moved: false, path: [p.x, p.y] };
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events (tests) have no active pointer to capture.
    }
    if (kind === "pan") root.classList.add("is-dragging");
  };

  const onPointerMove = (e: PointerEvent) => {
    const p = local(e.clientX, e.clientY);
    if (!drag) {
      if (status() !== "ready") return;
      const index = pickAt(p.x, p.y);
      if (index >= 0) {
        setHoveredIndex(index);
        props.onHover?.(index, e.clientX, e.clientY);
      } else clearHover(e.clientX, e.clientY);
      return;
    }
    if (e.pointerId !== drag.pointerId) return;
    if (!drag.moved && Math.hypot(p.x - drag.startX, p.y - drag.startY) > CLICK_TOLERANCE_PX) {
      drag.moved = true;
      clearHover(e.clientX, e.clientY);
    }
    if (drag.kind === "pan") {
      if (drag.moved) moveCamera(panBy(camera(), p.x - drag.lastX, p.y - drag.lastY));
    } else if (drag.kind === "box") {
      if (drag.moved) {
        setBox({
          x: Math.min(drag.startX, p.x),
          y: Math.min(drag.startY, p.y),
          width: Math.abs(p.x - drag.startX),
          height: Math.abs(p.y - drag.startY),
        });
      }
    } else {
      const path = drag.path;
      const lx = path[path.length - 2] ?? p.x;
      const ly = path[path.length - 1] ?? p.y;
      if (Math.hypot(p.x - lx, p.y - ly) >= 3) {
        path.push(p.x, p.y);
        if (drag.moved) setLasso(svgPoints(path));
      }
    }
    drag.lastX = p.x;
    drag.lastY = p.y;
  };

  const endDrag = () => {
    if (drag && canvas.hasPointerCapture(drag.pointerId)) canvas.releasePointerCapture(drag.pointerId);
    drag = null;
    root.classList.remove("is-dragging");
    setBox(null);
    setLasso(null);
  };

  const onPointerUp = (e: PointerEvent) => {
    const d = drag;
    if (!d || e.pointerId !== d.pointerId) return;
    const p = local(e.clientX, e.clientY);
    endDrag();
    if (!d.moved) {
      const index = pickAt(p.x, p.y);
      if (index >= 0) props.onPick?.(index);
      return;
    }
    const cam = camera();
    const vp = viewport();
    if (d.kind === "box") {
      const a = screenToData(cam, vp, d.startX, d.startY);
      const b = screenToData(cam, vp, p.x, p.y);
      props.onSelect?.(ensureGrid().inRect(a.x, a.y, b.x, b.y, accept));
    } else if (d.kind === "lasso") {
      const path = d.path;
      if (path.length >= 6) {
        const polygon = new Float64Array(path.length);
        for (let i = 0; i < path.length; i += 2) {
          const q = screenToData(cam, vp, path[i] ?? 0, path[i + 1] ?? 0);
          polygon[i] = q.x;
          polygon[i + 1] = q.y;
        }
        props.onSelect?.(ensureGrid().inPolygon(polygon, accept));
      }
    }
  };

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    let delta = e.deltaY;
    if (e.deltaMode === 1) delta *= 16;
    else if (e.deltaMode === 2) delta *= viewport().height;
    // Trackpad pinches arrive as small ctrl+wheel deltas.
    const factor = Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.0015));
    const p = local(e.clientX, e.clientY);
    clearHover(e.clientX, e.clientY);
    zoomAt(p.x, p.y, factor);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case "ArrowLeft":
        moveCamera(panBy(camera(), KEY_PAN_PX, 0));
        break;
      case "ArrowRight":
        moveCamera(panBy(camera(), -KEY_PAN_PX, 0));
        break;
      case "ArrowUp":
        moveCamera(panBy(camera(), 0, KEY_PAN_PX));
        break;
      case "ArrowDown":
        moveCamera(panBy(camera(), 0, -KEY_PAN_PX));
        break;
      case "+":
      case "=":
        zoomCentre(KEY_ZOOM);
        break;
      case "-":
      case "_":
        zoomCentre(1 / KEY_ZOOM);
        break;
      case "0":
        fit();
        break;
      case "Escape":
        if (drag) endDrag();
        else if (mode() !== "pan") setMode("pan");
        else if ((selected()?.size ?? 0) > 0) props.onSelect?.([]);
        else return;
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // ---- theme ---------------------------------------------------------------------------

  const readTheme = () => {
    const style = getComputedStyle(root);
    const colour = (name: string, fallback: Rgba): Rgba => {
      const value = style.getPropertyValue(name).trim();
      if (!value) return fallback;
      probe.style.color = "";
      probe.style.color = value;
      return parseCssColour(getComputedStyle(probe).color) ?? fallback;
    };
    theme = {
      outline: colour("--map-outline", FALLBACK_THEME.outline),
      ring: colour("--map-ring", FALLBACK_THEME.ring),
      halo: colour("--map-bg", FALLBACK_THEME.halo),
    };
    textWidths.clear();
  };

  // ---- labels --------------------------------------------------------------------------

  const textWidth = (text: string): number => {
    const cached = textWidths.get(text);
    if (cached !== undefined) return cached;
    if (measureContext === undefined) {
      // Only measure where a real canvas exists (WebGL worked); jsdom has none.
      measureContext = renderer ? document.createElement("canvas").getContext("2d") : null;
      if (measureContext) measureContext.font = `600 ${LABEL_FONT_PX}px ${getComputedStyle(root).fontFamily || "sans-serif"}`;
    }
    const width = measureContext ? measureContext.measureText(text).width : estimateTextWidth(text, LABEL_FONT_PX);
    textWidths.set(text, width);
    return width;
  };

  interface PlacedLabel {
    text: string;
    x: number;
    y: number;
    colour: string | undefined;
    visible: boolean;
    extra: boolean;
  }

  const placed = createMemo<PlacedLabel[]>(() => {
    const cam = camera();
    const vp = viewport();
    const labels = props.labels ?? [];
    const extras = props.extraPoints ?? [];
    const items: PlacedLabel[] = [];
    const boxes: LabelBox[] = [];
    const forced = new Set<number>();
    for (const e of extras) {
      for (let i = 0; i + 1 < e.positions.length; i += 2) {
        const s = dataToScreen(cam, vp, e.positions[i] ?? NaN, e.positions[i + 1] ?? NaN);
        const width = textWidth(e.label) + 8;
        // The marker's label sits to its right.
        const x = s.x + 14;
        forced.add(items.length);
        items.push({ text: e.label, x, y: s.y, colour: e.colour, visible: false, extra: true });
        boxes.push({ x: x + width / 2, y: s.y, width, height: LABEL_HEIGHT_PX });
      }
    }
    for (const l of labels) {
      const s = dataToScreen(cam, vp, l.x, l.y);
      items.push({ text: l.text, x: s.x, y: s.y, colour: l.colour, visible: false, extra: false });
      boxes.push({ x: s.x, y: s.y, width: textWidth(l.text) + 8, height: LABEL_HEIGHT_PX });
    }
    const visible = placeLabels(boxes, vp, { gap: 4, margin: 2, forced });
    items.forEach((item, i) => {
      item.visible = visible[i] ?? false;
    });
    return items;
  });

  // ---- lifecycle -----------------------------------------------------------------------

  const resize = (width: number, height: number, pixelWidth?: number, pixelHeight?: number) => {
    dpr = window.devicePixelRatio || 1;
    const pw = pixelWidth ?? Math.max(1, Math.round(width * dpr));
    const ph = pixelHeight ?? Math.max(1, Math.round(height * dpr));
    if (canvas.width !== pw) canvas.width = pw;
    if (canvas.height !== ph) canvas.height = ph;
    const before = viewport();
    if (before.width === width && before.height === height) {
      draw();
      return;
    }
    setViewport({ width, height });
    if (!userMoved) setCamera(fitted());
    // Resizing the canvas cleared it: draw now, before the browser paints.
    draw();
  };

  const onContextLost = (e: Event) => {
    e.preventDefault();
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
    setStatus("lost");
  };
  const onContextRestored = () => {
    if (renderer?.restore()) {
      sampleFor = -1;
      calibratedFor = "";
      setStatus("ready");
      uploadAll();
      requestDraw();
    }
  };

  onMount(() => {
    renderer = PointRenderer.create(canvas);
    setStatus(renderer ? "ready" : "unsupported");
    readTheme();
    uploadAll();
    const rect = root.getBoundingClientRect();
    resize(rect.width, rect.height);
    if (!userMoved) setCamera(fitted());
    requestDraw();

    canvas.addEventListener("wheel", onWheel, { passive: false });
    canvas.addEventListener("webglcontextlost", onContextLost);
    canvas.addEventListener("webglcontextrestored", onContextRestored);

    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver !== "undefined") {
      observer = new ResizeObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (!entry) return;
        const box = entry.contentBoxSize[0];
        // WebKit has no devicePixelContentBoxSize.
        const device = (entry.devicePixelContentBoxSize as readonly ResizeObserverSize[] | undefined)?.[0];
        const width = box ? box.inlineSize : entry.contentRect.width;
        const height = box ? box.blockSize : entry.contentRect.height;
        resize(width, height, device?.inlineSize, device?.blockSize);
      });
      try {
        observer.observe(root, { box: "device-pixel-content-box" });
      } catch {
        observer.observe(root);
      }
    }

    // Device pixel ratio changes (another monitor, page zoom) without a size change.
    const hasMatchMedia = typeof window.matchMedia === "function";
    let dprQuery: MediaQueryList | undefined;
    const onDprChange = () => {
      const r = root.getBoundingClientRect();
      resize(r.width, r.height);
      watchDpr();
    };
    const watchDpr = () => {
      if (!hasMatchMedia) return;
      dprQuery?.removeEventListener("change", onDprChange);
      dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      dprQuery.addEventListener("change", onDprChange);
    };
    watchDpr();

    // Theme changes: the app sets data-theme on <html>; the OS scheme can change too.
    const themeObserver = new MutationObserver(() => {
      readTheme();
      requestDraw();
    });
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class", "style"] });
    const schemeQuery = hasMatchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : undefined;
    const onScheme = () => {
      readTheme();
      requestDraw();
    };
    schemeQuery?.addEventListener("change", onScheme);

    props.onReady?.({
      screenPositionOf,
      fit,
      measureFrame: () => draw(true),
      lastPickMs: () => pickMs,
    });

    onCleanup(() => {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
      clearTimeout(settleTimer);
      observer?.disconnect();
      themeObserver.disconnect();
      schemeQuery?.removeEventListener("change", onScheme);
      dprQuery?.removeEventListener("change", onDprChange);
      canvas.removeEventListener("wheel", onWheel);
      canvas.removeEventListener("webglcontextlost", onContextLost);
      canvas.removeEventListener("webglcontextrestored", onContextRestored);
      renderer?.dispose();
      renderer = null;
    });
  });

  createEffect(
    on(
      positions,
      () => {
        uploadPositions();
        if (hovered() >= count()) setHoveredIndex(-1);
        if (!userMoved) setCamera(fitted());
        requestDraw();
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      colours,
      () => {
        uploadColours();
        requestDraw();
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      [selected, highlighted, count],
      () => {
        uploadFlags();
        requestDraw();
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      extraPositions,
      () => {
        uploadExtra();
        if (!userMoved) setCamera(fitted());
        requestDraw();
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      [() => props.pointSize, () => props.opacity],
      () => {
        requestDraw();
      },
      { defer: true },
    ),
  );

  const base = () => props.testId ?? "map";

  return (
    <div
      ref={(el) => { root = el; }}
      class="scatter-map"
      classList={{ [`mode-${mode()}`]: true }}
      data-status={status()}
      data-points={count()}
    >
      <canvas
        ref={(el) => { canvas = el; }}
        class="scatter-map-canvas"
        data-testid={props.testId ?? "map-canvas"}
        tabIndex={0}
        role="application"
        aria-roledescription="scatter map"
        aria-label={props.ariaLabel}
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - 0 Escape"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={endDrag}
        onPointerLeave={(e) => {
          if (!drag) clearHover(e.clientX, e.clientY);
        }}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => {
          if (drag) e.preventDefault();
        }}
      />
      <div class="scatter-map-labels" aria-hidden="true">
        <Index each={placed()}>
          {(item) => (
            <div
              class="scatter-map-label"
              classList={{ "is-hidden": !item().visible, "is-extra": item().extra }}
              style={{
                transform: item().extra
                  ? `translate(${item().x.toFixed(1)}px, ${item().y.toFixed(1)}px) translateY(-50%)`
                  : `translate(${item().x.toFixed(1)}px, ${item().y.toFixed(1)}px) translate(-50%, -50%)`,
                color: item().colour,
              }}
            >
              {item().text}
            </div>
          )}
        </Index>
      </div>
      <Show when={hoverMark()}>
        {(m) => (
          <div
            class="scatter-map-hover"
            style={{
              transform: `translate(${(m().x - m().size / 2).toFixed(1)}px, ${(m().y - m().size / 2).toFixed(1)}px)`,
              width: `${m().size}px`,
              height: `${m().size}px`,
              background: m().colour,
            }}
          />
        )}
      </Show>
      <Show when={box()}>
        {(b) => (
          <div
            class="scatter-map-box"
            style={{ left: `${b().x}px`, top: `${b().y}px`, width: `${b().width}px`, height: `${b().height}px` }}
          />
        )}
      </Show>
      <Show when={lasso()}>
        {(points) => (
          <svg class="scatter-map-lasso" aria-hidden="true">
            <polygon points={points()} />
          </svg>
        )}
      </Show>
      <div class="scatter-map-toolbar" role="toolbar" aria-label="Map view">
        <button type="button" data-testid={`${base()}-zoom-in`} aria-label="Zoom in" title="Zoom in (+)" onClick={() => { zoomCentre(BUTTON_ZOOM); }}>
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 3v10M3 8h10" /></svg>
        </button>
        <button type="button" data-testid={`${base()}-zoom-out`} aria-label="Zoom out" title="Zoom out (−)" onClick={() => { zoomCentre(1 / BUTTON_ZOOM); }}>
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 8h10" /></svg>
        </button>
        <button type="button" data-testid={`${base()}-fit`} aria-label="Fit to data" title="Fit to data (0)" onClick={fit}>
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" /></svg>
        </button>
        <span class="scatter-map-sep" />
        <button
          type="button"
          data-testid={`${base()}-box`}
          aria-label="Box select"
          title="Box select: drag a rectangle (or Shift+drag in any mode)"
          aria-pressed={mode() === "box"}
          onClick={() => setMode(mode() === "box" ? "pan" : "box")}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true"><rect x="2.5" y="3.5" width="11" height="9" rx="1" stroke-dasharray="2.2 1.6" /></svg>
        </button>
        <button
          type="button"
          data-testid={`${base()}-lasso`}
          aria-label="Lasso select"
          title="Lasso select: draw around points (or Alt+drag in any mode)"
          aria-pressed={mode() === "lasso"}
          onClick={() => setMode(mode() === "lasso" ? "pan" : "lasso")}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 2.5c3.3 0 6 1.8 6 4s-2.7 4-6 4c-1 0-2-.2-2.8-.5M8 2.5c-3.3 0-6 1.8-6 4 0 1.2.8 2.3 2.1 3" />
            <path d="M4.1 9.5c.9.4 1.3 1.2.9 2s-1.6 1.3-2.4 2" />
          </svg>
        </button>
      </div>
      <span ref={(el) => { probe = el; }} class="scatter-map-probe" aria-hidden="true" />
      <Show when={status() === "unsupported"}>
        <div class="scatter-map-message" role="status">
          This map needs WebGL2, which this window does not provide.
        </div>
      </Show>
      <Show when={status() === "lost"}>
        <div class="scatter-map-message" role="status">
          The map's graphics context was lost. It will redraw as soon as the system restores it.
        </div>
      </Show>
    </div>
  );
}

function svgPoints(path: readonly number[]): string {
  let out = "";
  for (let i = 0; i + 1 < path.length; i += 2) out += `${(path[i] ?? 0).toFixed(1)},${(path[i + 1] ?? 0).toFixed(1)} `;
  return out;
}

/** A fixed pseudo-random permutation of 0..n-1 (xorshift-driven Fisher–Yates). */
function shuffledOrder(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let state = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  return order;
}
