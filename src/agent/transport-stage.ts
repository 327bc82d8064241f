/**
 * The Transport stage: one model call. The request goes out in the routed
 * provider's wire format; text is handed on as it streams, tool calls are
 * collected whole. A cancelled stream returns what arrived, without calls
 * (half a reply's calls would be orphans in the history).
 */
import type { PipelineStage } from '../plugin/contract/pipeline.js';
import type { Assembled } from './assembler.js';
import type { ToolCall } from './messages.js';
import type { Route } from './router.js';
import { transportFor } from './transport/index.js';
import type { ModelTool } from './transport/types.js';

export interface ModelCall {
  route: Route;
  assembled: Assembled;
  tools: ModelTool[];
  onText?: (text: string) => void;
  idleTimeoutMs?: number;
}

export interface ModelReply {
  text: string;
  calls: ToolCall[];
  stopReason: string;
  cancelled: boolean;
}

export function transportStage(): PipelineStage<ModelCall, ModelReply> {
  return {
    name: 'transport',
    run: async ({ route, assembled, tools, onText, idleTimeoutMs }, signal) => {
      const events = transportFor(route.api)(route.endpoint, {
        model: route.model, system: assembled.system, messages: assembled.messages, tools, maxTokens: route.maxTokens, signal,
        ...(idleTimeoutMs ? { idleTimeoutMs } : {}),
      });
      let text = '';
      const calls: ToolCall[] = [];
      let stopReason = 'cancelled';
      for await (const event of events) {
        if (event.type === 'text') { text += event.text; onText?.(event.text); }
        else if (event.type === 'tool_call') calls.push(event.call);
        else stopReason = event.stopReason;
      }
      const cancelled = signal.aborted;
      return { text, calls: cancelled ? [] : calls, stopReason, cancelled };
    },
  };
}
