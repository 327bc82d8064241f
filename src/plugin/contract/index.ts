export type { Tool, ToolContext, ToolResult, ToolFailureKind, CallOrigin } from './tool.js';
export type { Skill, SkillLevel } from './skill.js';
export type { ChannelAdapter, ChannelMessage, ChannelMessageHandler } from './channel.js';
export type { PipelineStage, PipelineStageName } from './pipeline.js';
export type { MemoryBackend, MemoryEntry, MemoryStoreOptions } from './memory.js';
export type { VoiceHandler } from './voice.js';
