// Parameters and readers several task operations share.
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { toUri, UriError } from '../../../shared/uri';

export function taskIdProperty(show: Record<string, string[]>, description: string): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'a1Bc2',
		description,
		displayOptions: { show },
	};
}

export function readTaskId(ctx: IExecuteFunctions, i: number): string {
	const id = String(ctx.getNodeParameter('taskId', i, '') ?? '').trim();
	if (id === '') {
		throw new NodeOperationError(ctx.getNode(), 'Task ID is empty', {
			itemIndex: i,
			description: 'Use the "id" a task operation returned, or one from Task → Get Many.',
		});
	}
	return id;
}

/** Splits a list given as text (one entry per line, or comma-separated) or as an array from an expression. */
export function splitList(value: unknown, separators: RegExp = /[\n,]/): string[] {
	const parts = Array.isArray(value) ? value.map((v) => String(v)) : String(value ?? '').split(separators);
	return parts.map((s) => s.trim()).filter((s) => s !== '');
}

/** Additional sources given as text: paths or cloudreve:// URIs. */
export function additionalSourcesOption(): INodeProperties {
	return {
		displayName: 'Additional Sources',
		name: 'additionalSources',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: '/Reports/q2.csv\ncloudreve://my/Photos',
		description: 'More files or folders, one path or cloudreve:// URI per line (or an array from an expression)',
	};
}

/** The main source locator plus any additional sources, as canonical URIs. */
export async function readSources(
	ctx: IExecuteFunctions,
	client: CloudreveClient,
	locatorName: string,
	additional: unknown,
	i: number,
): Promise<string[]> {
	const uris = [await readLocatorUri(ctx, client, locatorName, i)];
	for (const entry of splitList(additional, /\n/)) {
		try {
			uris.push(toUri(entry));
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Additional source "${entry}" is not a valid path or URI`, {
				itemIndex: i,
				description: `${error instanceof UriError ? error.message : String(error)}. Use one path such as /Reports/q1.csv or a cloudreve:// URI per line.`,
			});
		}
	}
	return [...new Set(uris)];
}
