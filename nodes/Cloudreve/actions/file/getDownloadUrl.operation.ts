import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getDownloadUrls } from '../../../shared/api/files';
import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { uriName } from '../../../shared/uri';
import { additionalItemsOption, readUriList } from './batch';

const show = { resource: ['file'], operation: ['getDownloadUrl'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File',
		target: 'any',
		description: 'The file to link to. Folders (and several items) need the "As Zip Archive" option.',
		displayOptions: { show },
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			additionalItemsOption,
			{
				displayName: 'As Zip Archive',
				name: 'archive',
				type: 'boolean',
				default: false,
				description:
					'Whether to return one URL that downloads all items (files and folders) as a zip built on the fly. Valid about 10 minutes; needs the "archive download" group permission.',
			},
			{
				displayName: 'Bypass URL Cache',
				name: 'noCache',
				type: 'boolean',
				default: false,
				description: 'Whether to mint a new URL instead of reusing a cached one that is still valid',
			},
			{
				displayName: 'Force Download',
				name: 'download',
				type: 'boolean',
				default: false,
				description: 'Whether the URL answers with "Content-Disposition: attachment", so browsers save the file instead of showing it',
			},
			{
				displayName: 'Skip Failed Items',
				name: 'skipError',
				type: 'boolean',
				default: false,
				description: 'Whether to return URLs for the items that worked and an error entry for the others, instead of failing',
			},
			{
				displayName: 'Use Primary Site URL',
				name: 'usePrimarySiteUrl',
				type: 'boolean',
				default: false,
				description: 'Whether to build the URL with the first site URL configured in Cloudreve instead of the one n8n connects to',
			},
			{
				displayName: 'Version ID',
				name: 'version',
				type: 'string',
				default: '',
				placeholder: 'aXbq',
				description: 'ID of an older version of the file (see File → Get with Extended Info → versions). Only for a single file.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const uris = await readUriList(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const version = String(options.version ?? '').trim();
	if (version && (uris.length > 1 || options.archive === true)) {
		throw new NodeOperationError(this.getNode(), 'Version ID works with a single file only', {
			itemIndex: i,
			description: 'Remove the additional items and the zip option, or clear Version ID.',
		});
	}
	const archive = options.archive === true;
	const result = await getDownloadUrls(client, uris, {
		archive,
		download: options.download === true,
		noCache: options.noCache === true,
		skipError: options.skipError === true,
		usePrimarySiteUrl: options.usePrimarySiteUrl === true,
		entity: version || undefined,
		itemIndex: i,
	});
	if (archive) {
		return [{ json: { url: result.urls[0]?.url, expires: result.expires, archive: true, uris } }];
	}
	return uris.map((uri, index) => {
		const entry = result.urls[index];
		if (!entry?.url) return { json: { uri, name: uriName(uri), error: 'No URL could be created for this item', expires: result.expires } };
		const json: IDataObject = { uri, name: uriName(uri), url: entry.url, expires: result.expires };
		if (entry.stream_saver_display_name) json.displayName = entry.stream_saver_display_name;
		return { json };
	});
}
