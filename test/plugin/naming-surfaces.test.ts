import { describe, expect, it } from 'vitest';
import {
  LLM_NAME_PATTERN,
  MCP_NAME_PATTERN,
  SLASH_NAME_PATTERN,
  SURFACES,
  llmName,
  mcpName,
  shortHash,
  slashName,
  surfaceName,
  surfacePattern,
} from '../../src/plugin/naming/index.js';

describe('slashName (OpenClaw sanitiser)', () => {
  it('lowercases', () => {
    expect(slashName('Docker Manager')).toBe('docker_manager');
    expect(slashName('GitHub')).toBe('github');
  });
  it('turns each run of other characters into one _ and collapses _ runs', () => {
    expect(slashName('voice.ai-voice-agents')).toBe('voice_ai_voice_agents');
    expect(slashName('a -- b')).toBe('a_b');
    expect(slashName('a__-__b')).toBe('a_b');
    expect(slashName('com.example.fs/read')).toBe('com_example_fs_read');
  });
  it('strips leading and trailing _', () => {
    expect(slashName('  --hello world!! ')).toBe('hello_world');
    expect(slashName('__x__')).toBe('x');
  });
  it('cuts to 32 after stripping, keeping a trailing _ the cut leaves', () => {
    expect(slashName('a'.repeat(40))).toBe('a'.repeat(32));
    expect(slashName(`${'b'.repeat(31)}-tail`)).toBe(`${'b'.repeat(31)}_`);
    expect(slashName('a-beginner-s-guide-to-chatgpt-prompt-engineering')).toBe('a_beginner_s_guide_to_chatgpt_pr');
    expect(slashName(`___${'c'.repeat(32)}`)).toBe('c'.repeat(32));
  });
  it('gives skill for an empty result', () => {
    expect(slashName('')).toBe('skill');
    expect(slashName('---')).toBe('skill');
    expect(slashName('日本語')).toBe('skill');
    expect(slashName('🚀')).toBe('skill');
  });
  it('drops unicode letters like any other character', () => {
    expect(slashName('café-crème')).toBe('caf_cr_me');
    expect(slashName('Über Tool 🚀 v2')).toBe('ber_tool_v2');
  });
});

describe('mcpName and llmName', () => {
  it('keep valid ids unchanged', () => {
    for (const id of ['deploy', 'Deploy-Prod', 'a_b', 'x'.repeat(64)]) {
      expect(mcpName(id)).toBe(id);
      expect(llmName(id)).toBe(id);
    }
    expect(mcpName('com.example.fs')).toBe('com.example.fs');
    expect(mcpName('y'.repeat(128))).toBe('y'.repeat(128));
  });
  it('replace each run of disallowed characters with _', () => {
    expect(mcpName('com.example.fs/read')).toBe('com.example.fs_read');
    expect(llmName('com.example.fs/read')).toBe('com_example_fs_read');
    expect(mcpName('Docker Manager')).toBe('Docker_Manager');
    expect(mcpName('a / b')).toBe('a_b');
    expect(llmName('voice.ai-voice-agents')).toBe('voice_ai-voice-agents');
    expect(mcpName('café/thé')).toBe('caf_th_');
  });
  it('give degenerate ids a defined, hashed name', () => {
    for (const id of ['', '日本語', '///', '🚀🚀']) {
      expect(mcpName(id)).toBe(`tool_${shortHash(id)}`);
      expect(llmName(id)).toBe(`tool_${shortHash(id)}`);
    }
    expect(llmName('...')).toBe(`tool_${shortHash('...')}`);
    expect(mcpName('...')).toBe('...');
    expect(shortHash('')).toBe('e3b0c4');
  });
  it('shorten long ids to the limit, ending in _ and 6 hex of the id hash', () => {
    const id = `com.example.plugin/${'long_tool_name_'.repeat(20)}`;
    const mcp = mcpName(id);
    const llm = llmName(id);
    expect(mcp).toHaveLength(128);
    expect(llm).toHaveLength(64);
    expect(mcp).toMatch(/_[0-9a-f]{6}$/);
    expect(mcp.endsWith(`_${shortHash(id)}`)).toBe(true);
    expect(llm.endsWith(`_${shortHash(id)}`)).toBe(true);
    expect(mcp.startsWith('com.example.plugin_long_tool_name_')).toBe(true);
    expect(llm.startsWith('com_example_plugin_long_tool_name_')).toBe(true);
    expect(mcpName('z'.repeat(129))).toBe(`${'z'.repeat(121)}_${shortHash('z'.repeat(129))}`);
    expect(llmName('z'.repeat(65))).toBe(`${'z'.repeat(57)}_${shortHash('z'.repeat(65))}`);
  });
  it('keep two long ids with one 200-character prefix apart', () => {
    const prefix = 'p'.repeat(200);
    for (const surface of ['mcp', 'llm'] as const) {
      const a = surfaceName(`${prefix}/alpha`, surface);
      const b = surfaceName(`${prefix}/beta`, surface);
      expect(a).not.toBe(b);
      expect(a.slice(0, -7)).toBe(b.slice(0, -7));
    }
  });
  it('hash the original id, so long ids differing only in replaced characters differ', () => {
    const tail = 'q'.repeat(150);
    expect(mcpName(`a/b${tail}`)).not.toBe(mcpName(`a b${tail}`));
    expect(llmName(`a.b${tail}`)).not.toBe(llmName(`a/b${tail}`));
  });
});

/** Small seeded PRNG (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ...'abcXYZ019_-./ \t:@#', 'é', 'ß', 'Ω', '日本', '🚀', '👩‍💻', '\u0000', '\u200b', '//', '..', '  ', 'ﬁ', 'İ',
];

function randomId(next: () => number): string {
  const length = Math.floor(next() ** 2 * 300);
  let id = '';
  while (id.length < length) id += PIECES[Math.floor(next() * PIECES.length)];
  return id;
}

describe('every surface name is valid on its surface', () => {
  it('matches the surface pattern for many random ids', () => {
    const next = rng(20260220);
    expect(surfacePattern('slash')).toBe(SLASH_NAME_PATTERN);
    expect(surfacePattern('mcp')).toBe(MCP_NAME_PATTERN);
    expect(surfacePattern('llm')).toBe(LLM_NAME_PATTERN);
    const bad: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const id = randomId(next);
      for (const surface of SURFACES) {
        const name = surfaceName(id, surface);
        if (!surfacePattern(surface).test(name)) bad.push(`${surface} ${JSON.stringify(id)} -> ${JSON.stringify(name)}`);
        if (surfaceName(id, surface) !== name) bad.push(`${surface} ${JSON.stringify(id)} not deterministic`);
      }
    }
    expect(bad).toEqual([]);
  });
});
