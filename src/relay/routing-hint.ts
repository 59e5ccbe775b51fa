import type { IncomingHttpHeaders } from 'node:http';
import { providerFor } from '../providers/registry.js';

/** Where a caller asked a request to go, beyond the model itself. */
export interface RouteRequest {
  /** The model to serve, without any routing prefix. */
  model: string;
  /** Only accounts of this group. */
  group: string | null;
  /** Only accounts of this provider type. */
  type: string | null;
}

/**
 * Routing hints a caller may give (issue: scheduling): the model written `group,model` or
 * `type,model` (e.g. `bedrock,claude-sonnet-4-5`), or the header `x-gatehouse-group`. A prefix that
 * names a registered account type selects that type; any other prefix names a group.
 */
export function readRoutingHint(requestedModel: string, headers: IncomingHttpHeaders): RouteRequest {
  const header = headers['x-gatehouse-group'];
  const headerGroup = typeof header === 'string' && header.length > 0 ? header : null;
  const comma = requestedModel.indexOf(',');
  if (comma <= 0 || comma === requestedModel.length - 1) {
    return { model: requestedModel, group: headerGroup, type: null };
  }
  const prefix = requestedModel.slice(0, comma);
  const model = requestedModel.slice(comma + 1);
  return providerFor(prefix)
    ? { model, group: headerGroup, type: prefix }
    : { model, group: prefix, type: null };
}
