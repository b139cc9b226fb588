// What the batch file operations (delete, move, copy, restore, metadata, direct links, download URLs) share:
// several items per call, the "If Locked" policy, and partial failures (40081, cloudreve-api.md §2.6/§5).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type LockPolicy } from '../../../shared/api/locks';
import { describeCode, type CloudreveEnvelope } from '../../../shared/errors';
import { readLocatorUri } from '../../../shared/locator';
import type { ApiRequest, CloudreveClient } from '../../../shared/transport/client';
import { toUri, UriError } from '../../../shared/uri';

export const additionalItemsOption: INodeProperties = {
	displayName: 'Additional Files or Folders',
	name: 'additionalItems',
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Item' },
	default: [],
	placeholder: '/Reports/2026/q2.pdf',
	description:
		'More items for the same request, each a path (/Reports/q2.pdf) or a cloudreve:// URI. An expression may return an array or a text with one item per line.',
};

export const continueOnPartialFailureOption: INodeProperties = {
	displayName: 'Continue on Partial Failure',
	name: 'continueOnPartialFailure',
	type: 'boolean',
	default: false,
	description:
		'Whether to succeed when only some items fail, listing the failed ones under "failed" in the output, instead of stopping with an error',
};

/** Paths or URIs from a text (one per line), an array, or a single value. */
export function splitItems(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	return list
		.flatMap((v) => (typeof v === 'string' ? v.split(/\r?\n/) : [String((v as { value?: unknown })?.value ?? v)]))
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** The main locator's URI followed by the "Additional Files or Folders" of the Options collection. */
export async function readUriList(
	ctx: IExecuteFunctions,
	client: CloudreveClient,
	locatorName: string,
	i: number,
): Promise<string[]> {
	const first = await readLocatorUri(ctx, client, locatorName, i);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const uris = [first];
	for (const item of splitItems(options.additionalItems)) {
		try {
			uris.push(toUri(item));
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `"Additional Files or Folders" has an invalid entry: ${item}`, {
				itemIndex: i,
				description: `${error instanceof UriError ? error.message : String(error)}. Use a path such as /Reports/q2.pdf or a cloudreve:// URI.`,
			});
		}
	}
	return [...new Set(uris)];
}

export function lockPolicyOf(ctx: IExecuteFunctions, i: number): LockPolicy {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return options.ifLocked === 'forceUnlock' ? 'forceUnlock' : 'fail';
}

export interface FailedItem {
	uri: string;
	code: number;
	error: string;
}

export interface BatchOutcome<T> {
	data: T | undefined;
	succeeded: string[];
	failed: FailedItem[];
}

/**
 * Runs a batch request. Code 0 → every URI succeeded. 40081 with `allowPartial` → the URIs named in
 * `aggregated_error` failed and the others succeeded; anything else throws (one failed URI: its own error;
 * several: each failed URI listed, as the transport words it).
 */
export async function runBatch<T = unknown>(
	client: CloudreveClient,
	req: ApiRequest,
	uris: string[],
	allowPartial: boolean,
): Promise<BatchOutcome<T>> {
	const envelope: CloudreveEnvelope<T> = await client.envelope<T>(req);
	if (envelope.code === 0) return { data: envelope.data, succeeded: uris, failed: [] };
	if (envelope.code === 40081 && allowPartial && envelope.aggregated_error) {
		const failed: FailedItem[] = Object.entries(envelope.aggregated_error).map(([uri, inner]) => ({
			uri,
			code: inner.code,
			error: `${describeCode(inner.code).message}${inner.msg ? ` (${inner.msg})` : ''}`,
		}));
		const failedSet = new Set(failed.map((f) => f.uri));
		return { data: envelope.data, succeeded: uris.filter((u) => !failedSet.has(u)), failed };
	}
	throw client.apiError(envelope, req.itemIndex);
}
