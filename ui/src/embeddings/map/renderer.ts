/**
 * A small WebGL2 point renderer for the scatter map: every point in one draw of point
 * sprites (soft-edged discs cut from gl_PointCoord), then the emphasised points (selected,
 * highlighted) on top from an index buffer, then the extra markers (diamonds).
 * Nothing here loops: the owner calls render() when something changed.
 */

import type { Camera, Viewport } from "./camera";

/** Per-point state flags (one byte a point). */
export const FLAG_SELECTED = 1;
export const FLAG_HIGHLIGHTED = 2;

/** Colours as [r, g, b, a] in 0..1, straight (not premultiplied) alpha. */
export type Rgba = readonly [number, number, number, number];

export interface MapTheme {
  /** Outline of selected points and of the extra markers. */
  outline: Rgba;
  /** Ring around highlighted points. */
  ring: Rgba;
  /** The canvas background, used for the gap between a point and its ring. */
  halo: Rgba;
}

export interface FrameParams {
  camera: Camera;
  /** CSS pixels. */
  viewport: Viewport;
  devicePixelRatio: number;
  /** Diameter of an ordinary point, CSS pixels. */
  pointSize: number;
  /** Multiplies every ordinary point's alpha. */
  opacity: number;
  /** Whether a selection exists: the points outside it are dimmed. */
  hasSelection: boolean;
  /**
   * Draw only the first `sample` points of the sample order (see setSample) instead of all:
   * a level of detail for frames during a pan or zoom on slow (software) GPUs. 0: all.
   */
  sample: number;
  theme: MapTheme;
}

const VERTEX = `#version 300 es
precision highp float;
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_colour;
layout(location = 2) in float a_flags;
uniform vec2 u_centre;
uniform vec2 u_scale;
uniform float u_size;
uniform float u_dpr;
uniform float u_opacity;
uniform float u_hasSelection;
uniform int u_pass;
out vec4 v_colour;
out float v_size;
flat out int v_kind;
void main() {
  int flags = int(a_flags + 0.5);
  bool selected = (flags & 1) != 0;
  bool highlighted = (flags & 2) != 0;
  vec4 colour = a_colour;
  float size = u_size;
  int kind = 0;
  bool hide = colour.a <= 0.0;
  if (u_pass == 0) {
    hide = hide || selected || highlighted;
    colour.a *= u_opacity;
    if (u_hasSelection > 0.5) colour.a *= 0.16;
  } else if (u_pass == 1) {
    if (highlighted) {
      kind = 2;
      size = max(u_size * 2.2, 11.0 * u_dpr);
    } else {
      kind = 1;
      size = max(u_size * 1.5, 6.0 * u_dpr);
    }
    colour.a = max(colour.a, 0.9);
  } else {
    kind = 4;
    hide = false;
    size = 20.0 * u_dpr;
    colour.a = 1.0;
  }
  if (hide) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    v_colour = vec4(0.0);
    v_size = 1.0;
    v_kind = 0;
    return;
  }
  gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
  // One extra device pixel so the soft edge is not clipped by the sprite's square.
  gl_PointSize = size + 1.0;
  v_colour = colour;
  v_size = size + 1.0;
  v_kind = kind;
}
`;

const FRAGMENT = `#version 300 es
precision highp float;
in vec4 v_colour;
in float v_size;
flat in int v_kind;
uniform float u_dpr;
uniform vec4 u_outline;
uniform vec4 u_ring;
uniform vec4 u_halo;
out vec4 o_colour;
// Coverage of the band [inner, outer] of the radius, anti-aliased over aa.
float band(float d, float inner, float outer, float aa) {
  return smoothstep(inner - aa, inner, d) * (1.0 - smoothstep(outer - aa, outer, d));
}
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float d = v_kind == 4 ? abs(p.x) + abs(p.y) : length(p);
  // One device pixel in units of the sprite's radius.
  float px = 2.0 / v_size;
  float edge = 1.0 - px * 0.5;
  float cover = 1.0 - smoothstep(edge - px, edge, d);
  if (cover <= 0.0) discard;
  vec3 rgb = v_colour.rgb;
  float a = v_colour.a;
  if (v_kind == 1) {
    // A thin outline that keeps the point's own colour readable.
    float w = 1.0 * u_dpr * px;
    float t = smoothstep(edge - w - px, edge - w, d) * 0.65;
    rgb = mix(rgb, u_outline.rgb, t);
  } else if (v_kind == 2) {
    float w = 2.0 * u_dpr * px;
    float g = 1.5 * u_dpr * px;
    float ring = smoothstep(edge - w - px, edge - w, d);
    float gap = band(d, edge - w - g, edge - w, px);
    rgb = mix(rgb, u_halo.rgb, gap);
    rgb = mix(rgb, u_ring.rgb, ring);
    a = mix(a, 1.0, max(ring, gap));
  } else if (v_kind == 4) {
    float w = 2.0 * u_dpr * px;
    float t = smoothstep(edge - w - px, edge - w, d);
    rgb = mix(rgb, u_outline.rgb, t);
  }
  float alpha = a * cover;
  o_colour = vec4(rgb * alpha, alpha);
}
`;

interface Resources {
  program: WebGLProgram;
  vao: WebGLVertexArrayObject;
  extraVao: WebGLVertexArrayObject;
  positions: WebGLBuffer;
  colours: WebGLBuffer;
  flags: WebGLBuffer;
  emphasis: WebGLBuffer;
  sample: WebGLBuffer;
  extraPositions: WebGLBuffer;
  extraColours: WebGLBuffer;
  uniforms: Record<
    | "centre"
    | "scale"
    | "size"
    | "dpr"
    | "opacity"
    | "hasSelection"
    | "pass"
    | "outline"
    | "ring"
    | "halo",
    WebGLUniformLocation | null
  >;
}

export class PointRenderer {
  private readonly gl: WebGL2RenderingContext;
  private res: Resources | null = null;
  private positionCount = 0;
  private colourCount = 0;
  private flagCount = 0;
  private emphasisCount = 0;
  private sampleCount = 0;
  private extraCount = 0;
  /** Sizes of the buffers' storage, to update in place when the length is unchanged. */
  private positionBytes = 0;
  private colourBytes = 0;

  private constructor(gl: WebGL2RenderingContext) {
    this.gl = gl;
    this.res = this.createResources();
  }

  /** A renderer for the canvas, or null when WebGL2 is not available. */
  static create(canvas: HTMLCanvasElement): PointRenderer | null {
    let gl: WebGL2RenderingContext | null;
    try {
      gl = canvas.getContext("webgl2", {
        alpha: true,
        premultipliedAlpha: true,
        antialias: false,
        depth: false,
        stencil: false,
        preserveDrawingBuffer: false,
      });
    } catch {
      gl = null;
    }
    if (!gl) return null;
    const renderer = new PointRenderer(gl);
    return renderer.res ? renderer : null;
  }

  get contextLost(): boolean {
    return this.gl.isContextLost();
  }

  /** After `webglcontextrestored`: rebuild the GPU objects; the owner then uploads again. */
  restore(): boolean {
    this.positionCount = this.colourCount = this.flagCount = this.emphasisCount = this.extraCount = this.sampleCount = 0;
    this.positionBytes = this.colourBytes = 0;
    this.res = this.createResources();
    return this.res !== null;
  }

  private createResources(): Resources | null {
    const gl = this.gl;
    if (gl.isContextLost()) return null;
    const program = linkProgram(gl, VERTEX, FRAGMENT);
    if (!program) return null;
    const vao = gl.createVertexArray();
    const extraVao = gl.createVertexArray();
    const positions = gl.createBuffer();
    const colours = gl.createBuffer();
    const flags = gl.createBuffer();
    const emphasis = gl.createBuffer();
    const sample = gl.createBuffer();
    const extraPositions = gl.createBuffer();
    const extraColours = gl.createBuffer();
    const u = (name: string) => gl.getUniformLocation(program, name);
    const res: Resources = {
      program,
      vao,
      extraVao,
      positions,
      colours,
      flags,
      emphasis,
      sample,
      extraPositions,
      extraColours,
      uniforms: {
        centre: u("u_centre"),
        scale: u("u_scale"),
        size: u("u_size"),
        dpr: u("u_dpr"),
        opacity: u("u_opacity"),
        hasSelection: u("u_hasSelection"),
        pass: u("u_pass"),
        outline: u("u_outline"),
        ring: u("u_ring"),
        halo: u("u_halo"),
      },
    };
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, positions);
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, colours);
    gl.enableVertexAttribArray(1);
    gl.vertexAttribPointer(1, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, flags);
    gl.enableVertexAttribArray(2);
    gl.vertexAttribPointer(2, 1, gl.UNSIGNED_BYTE, false, 0, 0);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, emphasis);
    gl.bindVertexArray(extraVao);
    gl.bindBuffer(gl.ARRAY_BUFFER, extraPositions);
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, extraColours);
    gl.enableVertexAttribArray(1);
    gl.vertexAttribPointer(1, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.disableVertexAttribArray(2);
    gl.vertexAttrib1f(2, 0);
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    return res;
  }

  setPositions(positions: Float32Array): void {
    const res = this.res;
    if (!res) return;
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, res.positions);
    if (positions.byteLength === this.positionBytes) gl.bufferSubData(gl.ARRAY_BUFFER, 0, positions);
    else gl.bufferData(gl.ARRAY_BUFFER, positions, gl.DYNAMIC_DRAW);
    this.positionBytes = positions.byteLength;
    this.positionCount = positions.length >> 1;
  }

  setColours(colours: Uint8Array): void {
    const res = this.res;
    if (!res) return;
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, res.colours);
    if (colours.byteLength === this.colourBytes) gl.bufferSubData(gl.ARRAY_BUFFER, 0, colours);
    else gl.bufferData(gl.ARRAY_BUFFER, colours, gl.DYNAMIC_DRAW);
    this.colourBytes = colours.byteLength;
    this.colourCount = colours.length >> 2;
  }

  /** One flag byte a point, and the indices to draw on top (selected first, highlighted last). */
  setFlags(flags: Uint8Array, emphasis: Uint32Array): void {
    const res = this.res;
    if (!res) return;
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, res.flags);
    gl.bufferData(gl.ARRAY_BUFFER, flags, gl.DYNAMIC_DRAW);
    this.flagCount = flags.length;
    gl.bindVertexArray(res.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, res.emphasis);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, emphasis.length > 0 ? emphasis : new Uint32Array(1), gl.DYNAMIC_DRAW);
    gl.bindVertexArray(null);
    this.emphasisCount = emphasis.length;
  }

  /** The order in which a level-of-detail frame takes points: a random permutation of 0..n-1. */
  setSample(order: Uint32Array): void {
    const res = this.res;
    if (!res) return;
    const gl = this.gl;
    gl.bindVertexArray(res.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, res.sample);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, order.length > 0 ? order : new Uint32Array(1), gl.STATIC_DRAW);
    gl.bindVertexArray(null);
    this.sampleCount = order.length;
  }

  get hasSample(): boolean {
    return this.sampleCount > 0;
  }

  /** Extra markers (e.g. an embedded query): positions n*2, colours n*4. */
  setExtra(positions: Float32Array, colours: Uint8Array): void {
    const res = this.res;
    if (!res) return;
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, res.extraPositions);
    gl.bufferData(gl.ARRAY_BUFFER, positions, gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, res.extraColours);
    gl.bufferData(gl.ARRAY_BUFFER, colours, gl.DYNAMIC_DRAW);
    this.extraCount = Math.min(positions.length >> 1, colours.length >> 2);
  }

  /**
   * Draws one frame at the canvas's current size. With `sync`, waits for the GPU to finish
   * (for measuring); returns the milliseconds spent.
   */
  render(frame: FrameParams, sync = false): number {
    const t0 = performance.now();
    const res = this.res;
    const gl = this.gl;
    if (!res || gl.isContextLost()) return 0;
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const count = Math.min(this.positionCount, this.colourCount, this.flagCount);
    if (frame.viewport.width <= 0 || frame.viewport.height <= 0) return performance.now() - t0;
    gl.useProgram(res.program);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    const u = res.uniforms;
    const { camera, viewport, devicePixelRatio: dpr, theme } = frame;
    gl.uniform2f(u.centre, camera.x, camera.y);
    gl.uniform2f(u.scale, (2 * camera.zoom) / viewport.width, (2 * camera.zoom) / viewport.height);
    gl.uniform1f(u.size, frame.pointSize * dpr);
    gl.uniform1f(u.dpr, dpr);
    gl.uniform1f(u.opacity, frame.opacity);
    gl.uniform1f(u.hasSelection, frame.hasSelection ? 1 : 0);
    gl.uniform4fv(u.outline, theme.outline);
    gl.uniform4fv(u.ring, theme.ring);
    gl.uniform4fv(u.halo, theme.halo);
    if (count > 0) {
      gl.bindVertexArray(res.vao);
      gl.uniform1i(u.pass, 0);
      if (frame.sample > 0 && frame.sample < count && this.sampleCount === count) {
        gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, res.sample);
        gl.drawElements(gl.POINTS, frame.sample, gl.UNSIGNED_INT, 0);
      } else {
        gl.drawArrays(gl.POINTS, 0, count);
      }
      if (this.emphasisCount > 0) {
        gl.uniform1i(u.pass, 1);
        gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, res.emphasis);
        gl.drawElements(gl.POINTS, this.emphasisCount, gl.UNSIGNED_INT, 0);
      }
    }
    if (this.extraCount > 0) {
      gl.bindVertexArray(res.extraVao);
      gl.uniform1i(u.pass, 3);
      gl.drawArrays(gl.POINTS, 0, this.extraCount);
    }
    gl.bindVertexArray(null);
    if (sync) {
      const pixel = new Uint8Array(4);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    }
    return performance.now() - t0;
  }

  dispose(): void {
    const res = this.res;
    this.res = null;
    if (!res || this.gl.isContextLost()) return;
    const gl = this.gl;
    gl.deleteProgram(res.program);
    gl.deleteVertexArray(res.vao);
    gl.deleteVertexArray(res.extraVao);
    for (const b of [res.positions, res.colours, res.flags, res.emphasis, res.sample, res.extraPositions, res.extraColours]) {
      gl.deleteBuffer(b);
    }
  }
}

function linkProgram(gl: WebGL2RenderingContext, vs: string, fs: string): WebGLProgram | null {
  const compile = (type: number, source: string) => {
    const shader = gl.createShader(type);
    if (!shader) return null;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      console.error("scatter map shader:", gl.getShaderInfoLog(shader));
      gl.deleteShader(shader);
      return null;
    }
    return shader;
  };
  const v = compile(gl.VERTEX_SHADER, vs);
  const f = compile(gl.FRAGMENT_SHADER, fs);
  if (!v || !f) return null;
  const program = gl.createProgram();
  gl.attachShader(program, v);
  gl.attachShader(program, f);
  gl.linkProgram(program);
  gl.deleteShader(v);
  gl.deleteShader(f);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    console.error("scatter map program:", gl.getProgramInfoLog(program));
    gl.deleteProgram(program);
    return null;
  }
  return program;
}
