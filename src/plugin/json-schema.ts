/**
 * A JSON Schema as written by its author. weft never rewrites schemas (MCP
 * clients must see them exactly), so this stays an open object type.
 */
export type JsonSchema = { [key: string]: unknown };
