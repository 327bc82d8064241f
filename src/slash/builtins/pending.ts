import { trustCommand } from '../../config/trust.js';
import type { RegistrySnapshot } from '../../registry/index.js';

export interface PendingItem {
  kind: 'native-skill' | 'plugin' | 'workspace';
  subject: string;
  /** What /approve (or /trust) takes to grant it. */
  name: string;
  command: string;
}

/** How to grant it here and from a shell: `/approve deploy, or \`weft skill approve deploy\``. */
export function pendingHow(item: PendingItem): string {
  return `${item.kind === 'workspace' ? '/trust' : `/approve ${item.name}`}, or \`${item.command}\``;
}

/** Everything waiting for a person in this snapshot: native skills, plugins, an untrusted workspace with content. */
export function pendingItems(snapshot: RegistrySnapshot): PendingItem[] {
  const items: PendingItem[] = [];
  const plugins = new Set<string>();
  for (const t of snapshot.tools) {
    if (t.state !== 'needs-approval') continue;
    const command = t.approveCommand ?? '';
    if (t.kind === 'native') items.push({ kind: 'native-skill', subject: t.id, name: t.id, command });
    else if (t.source.plugin && !plugins.has(t.source.plugin)) {
      plugins.add(t.source.plugin);
      items.push({ kind: 'plugin', subject: t.source.plugin, name: t.source.plugin, command });
    }
  }
  const ws = snapshot.workspace;
  if (ws?.trust === 'untrusted' && (snapshot.skills.untrusted.length > 0 || snapshot.plugins.some((p) => p.state === 'untrusted'))) {
    items.push({ kind: 'workspace', subject: ws.root, name: ws.root, command: trustCommand(ws.root) });
  }
  return items;
}
