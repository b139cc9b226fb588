import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createRemoteDownload } from '../../../shared/api/tasks';
import { putFileContent } from '../../../shared/transfer/session';
import { describeCode } from '../../../shared/errors';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { joinUri, toUri } from '../../../shared/uri';
import { splitList } from './common';
import { finishTaskOperation, waitProperties } from './wait';

const show = { resource: ['task'], operation: ['createDownload'] };

/** Cloudreve's default edit limit (`maxEditSize`), the most PUT /file/content accepts (§2.6). */
const MAX_TORRENT_BYTES = 50 * 1024 * 1024;

export const description: INodeProperties[] = [
	{
		displayName: 'Source Type',
		name: 'sourceType',
		type: 'options',
		default: 'urls',
		options: [
			{ name: 'URLs or Magnet Links', value: 'urls', description: 'One task per URL' },
			{ name: 'Torrent File in the Drive', value: 'torrentFile', description: 'A .torrent file already stored in Cloudreve' },
			{
				name: 'Torrent File From Binary Data',
				value: 'torrentBinary',
				description: 'A .torrent file from the input item; it is first saved to the drive (not available to AI agents)',
			},
		],
		description: 'What to download',
		displayOptions: { show },
	},
	{
		displayName: 'URLs',
		name: 'urls',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'https://example.com/file.iso\nmagnet:?xt=urn:btih:...',
		description: 'HTTP(S) URLs or magnet links, one per line (or an array from an expression). Each becomes its own task; your group limits how many one request may carry.',
		displayOptions: { show: { ...show, sourceType: ['urls'] } },
	},
	locatorProperty({
		name: 'torrentFile',
		displayName: 'Torrent File',
		target: 'file',
		description: 'The .torrent file in the drive',
		displayOptions: { show: { ...show, sourceType: ['torrentFile'] } },
	}),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary field of the input item holding the .torrent file',
		displayOptions: { show: { ...show, sourceType: ['torrentBinary'], '@tool': [false] } },
	},
	locatorProperty({
		name: 'destinationFolder',
		displayName: 'Destination Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'Where the downloaded files are saved',
		displayOptions: { show },
	}),
	...waitProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { ...show, sourceType: ['torrentBinary'], '@tool': [false] } },
		options: [
			{
				displayName: 'Torrent Upload Folder',
				name: 'torrentFolder',
				type: 'string',
				default: '',
				placeholder: '/Torrents',
				description: 'Folder (path or cloudreve:// URI) the .torrent file is saved to before the download starts. Default: the destination folder.',
			},
		],
	},
];

async function torrentFromBinary(ctx: IExecuteFunctions, client: CloudreveClient, dstFolder: string, i: number): Promise<string> {
	const property = ctx.getNodeParameter('binaryPropertyName', i, 'data') as string;
	const binary = ctx.helpers.assertBinaryData(i, property);
	const fileName = (binary.fileName || 'download.torrent').replace(/[\\/:*?"<>|]/g, '_');
	if (binary.fileSize !== undefined && Number(binary.fileSize) > MAX_TORRENT_BYTES) {
		throw new NodeOperationError(ctx.getNode(), `The torrent file "${fileName}" is larger than 50 MiB`, {
			itemIndex: i,
			description: 'Upload it with File → Upload and use "Torrent File in the Drive".',
		});
	}
	const content = await ctx.helpers.getBinaryDataBuffer(i, property);
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	let folder = dstFolder;
	if (options.torrentFolder) {
		try {
			folder = toUri(String(options.torrentFolder));
		} catch {
			throw new NodeOperationError(ctx.getNode(), 'Torrent Upload Folder is not a valid path or URI', {
				itemIndex: i,
				description: 'Use a path such as /Torrents or a cloudreve:// URI.',
			});
		}
	}
	// A .torrent is small: one PUT /file/content creates it (and missing folders) without an upload session.
	const saved = await putFileContent(client, joinUri(folder, fileName), content, { itemIndex: i });
	return saved.path;
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const source = this.getNodeParameter('sourceType', i) as 'urls' | 'torrentFile' | 'torrentBinary';
	const dst = await readLocatorUri(this, client, 'destinationFolder', i);
	let request: { urls: string[] } | { torrentUri: string };
	if (source === 'urls') {
		const urls = splitList(this.getNodeParameter('urls', i, ''), /\n/);
		if (urls.length === 0) {
			throw new NodeOperationError(this.getNode(), 'URLs is empty', {
				itemIndex: i,
				description: 'Enter at least one http(s) URL or magnet link, one per line.',
			});
		}
		request = { urls };
	} else if (source === 'torrentFile') {
		request = { torrentUri: await readLocatorUri(this, client, 'torrentFile', i) };
	} else {
		request = { torrentUri: await torrentFromBinary(this, client, dst, i) };
	}
	const { tasks, failed } = await createRemoteDownload(client, request, dst, i);
	const extra: IDataObject = {};
	if ('torrentUri' in request) extra.torrentUri = request.torrentUri;
	if (failed) {
		extra.notQueued = Object.fromEntries(
			Object.entries(failed).map(([url, e]) => [url, `${describeCode(e.code).message}${e.msg ? `: ${e.msg}` : ''}`]),
		);
	}
	return await finishTaskOperation(this, client, tasks, i, extra);
}
