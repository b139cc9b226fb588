import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DirectLinkResult } from '../../../shared/api/types';
import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { uriName } from '../../../shared/uri';
import { additionalItemsOption, continueOnPartialFailureOption, readUriList, runBatch } from './batch';

const show = { resource: ['file'], operation: ['createDirectLink'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File',
		target: 'file',
		description:
			'The file to publish. A direct link is a permanent public URL (<site>/f/<id>/<name>) that anyone can download without signing in.',
		displayOptions: { show },
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [additionalItemsOption, continueOnPartialFailureOption],
	},
];

/** The `/f/<id>/` part of a direct link is its ID (cloudreve-api.md §2.6 Direct Link). */
export function directLinkId(link: string): string | undefined {
	return /\/f\/(?:d\/)?([^/?#]+)\//.exec(link)?.[1];
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const uris = await readUriList(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	// A partial failure (40081) still carries the links that were created in `data`.
	const outcome = await runBatch<DirectLinkResult[]>(
		client,
		{ method: 'PUT', path: '/file/source', body: { uris }, itemIndex: i },
		uris,
		options.continueOnPartialFailure === true,
	);
	const links = outcome.data ?? [];
	const out: INodeExecutionData[] = links.map((l) => ({
		json: {
			uri: l.file_url,
			name: l.file_url ? uriName(l.file_url) : undefined,
			link: l.link,
			id: directLinkId(l.link),
			downloadLink: l.link.replace('/f/', '/f/d/'),
		},
	}));
	for (const failed of outcome.failed) out.push({ json: { uri: failed.uri, error: failed.error, code: failed.code } });
	return out;
}
