import { describe, expect, it } from 'vitest';
import { checkEnvVarName, checkFilesystemPath, checkHostPattern, checkPluginPath, pathRoot } from '../../src/plugin/manifest/permissions.js';

const okValue = (check: ReturnType<typeof checkHostPattern>) => (check.ok ? check.value : `ERROR: ${check.rule}`);

describe('checkHostPattern', () => {
  it.each([
    ['api.example.com', 'api.example.com'],
    ['API.Example.com', 'api.example.com'],
    ['*.example.com', '*.example.com'],
    ['*.Example.CO.uk', '*.example.co.uk'],
    ['localhost', 'localhost'],
    ['10.0.0.1', '10.0.0.1'],
    ['::1', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['a-b.example.com', 'a-b.example.com'],
  ])('accepts %s as %s', (raw, value) => {
    expect(okValue(checkHostPattern(raw))).toBe(value);
  });

  it.each([
    ['*.', 'followed by a domain'],
    ['*', 'every host'],
    ['*.com', 'too broad'],
    ['*.localhost', 'too broad'],
    ['http://x.com', 'no scheme'],
    ['https://api.example.com/v1', 'no scheme'],
    ['host:8080', 'no port'],
    ['x.com:443', 'no port'],
    ['x.com/', 'no path'],
    ['x.com?q=1', 'no path'],
    ['[::1]', 'without brackets'],
    ['[::1]:80', 'without brackets'],
    ['*.*.example.com', 'only one'],
    ['a.*.example.com', 'whole first label'],
    ['*example.com', 'whole first label'],
    ['*.10.0.0.1', 'IP address'],
    ['1.2.3.256', 'IPv4'],
    ['01.2.3.4', 'IPv4'],
    ['example.com.', 'trailing dot'],
    ['a..example.com', 'label'],
    ['-a.example.com', 'label'],
    ['a-.example.com', 'label'],
    [`${'a'.repeat(64)}.example.com`, 'label'],
    ['under_score.example.com', 'label'],
    ['exämple.com', 'label'],
    ['', 'empty'],
    [`${'a.'.repeat(127)}com`, '253'],
  ])('rejects %j (%s)', (raw, rule) => {
    const result = checkHostPattern(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rule).toContain(rule);
      expect(result.fix).not.toBe('');
    }
  });

  it('suggests the bare host for a URL or host:port', () => {
    const result = checkHostPattern('https://API.example.com:8443/x');
    expect(result.ok || result.fix).toBe('Write the host alone: "api.example.com".');
  });
});

describe('checkFilesystemPath', () => {
  it.each(['/', '/etc/ssl', '~', '~/data', '$WORKSPACE', '$WORKSPACE/build', '~/..hidden', '/a/./b', '~/'])('accepts %j as written', (path) => {
    expect(okValue(checkFilesystemPath(path))).toBe(path);
  });

  it.each([
    ['../etc', 'relative'],
    ['etc', 'relative'],
    ['./data', 'relative'],
    ['', 'relative'],
    ['C:\\Users', 'relative'],
    ['$HOME/x', 'only $WORKSPACE'],
    ['$WORKSPACE_DIR/x', 'only $WORKSPACE'],
    ['${WORKSPACE}', 'only $WORKSPACE'],
    ['~root/x', '~user'],
    ['~root', '~user'],
    ['$WORKSPACE/../x', '".."'],
    ['$WORKSPACE/a/../../x', '".."'],
    ['/..', '".."'],
    ['~/..', '".."'],
    ['/tmp/\0x', 'NUL'],
  ])('rejects %j (%s)', (path, rule) => {
    const result = checkFilesystemPath(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rule).toContain(rule);
  });

  it('names the three accepted forms in the fix', () => {
    const result = checkFilesystemPath('data');
    expect(result.ok || result.fix).toBe('Write it as an absolute path ("/…"), "~" or "~/…", or "$WORKSPACE" or "$WORKSPACE/…".');
  });

  it('knows each root', () => {
    expect([pathRoot('/x'), pathRoot('~'), pathRoot('~/x'), pathRoot('$WORKSPACE/x'), pathRoot('~x'), pathRoot('$WORKSPACEx')]).toEqual(['/', '~', '~', '$WORKSPACE', undefined, undefined]);
  });
});

describe('checkEnvVarName', () => {
  it.each(['HOME', '_X', 'api_key_2', 'a'])('accepts %s', (name) => expect(checkEnvVarName(name).ok).toBe(true));
  it.each(['', '2X', 'A-B', '$A', 'A=B', 'A B', 'É'])('rejects %j', (name) => expect(checkEnvVarName(name).ok).toBe(false));
});

describe('checkPluginPath', () => {
  it.each(['plugin.wasm', './plugin.wasm', 'dist/a.wasm', 'skills/x', '.', 'a/..b'])('accepts %j', (path) => {
    expect(okValue(checkPluginPath(path))).toBe(path);
  });
  it.each(['', ' ', '/abs', '..', '../x', 'a/../../x', 'a/..', 'C:/x', 'c:x', 'a\\b', '~/x', '$WORKSPACE/x', 'a\0b'])('rejects %j', (path) => {
    expect(checkPluginPath(path).ok).toBe(false);
  });
});
