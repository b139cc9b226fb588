import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getFileInfo } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import { createDownloadUrl, downloadUrlToBinary } from '../../../shared/transfer/download';
import type { CloudreveClient } from '../../../shared/transport/client';
import { toUri, UriError } from '../../../shared/uri';
import { simplifyOption } from '../common.descriptions';

const show = { resource: ['file'], operation: ['download'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File or Folder',
		target: 'any',
		description: 'The file to download; a folder is downloaded as one zip archive',
		displayOptions: { show },
	}),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		description: 'Name of the binary property the downloaded file is written to',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Also Include',
				name: 'additional',
				type: 'string',
				typeOptions: { multipleValues: true },
				default: [],
				placeholder: '/Reports/2026/q2.pdf',
				description: 'More files or folders (paths or cloudreve:// URIs) to put in the same zip archive',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Name to give the binary file (default: the file\'s name, or the folder\'s name with .zip for an archive)',
			},
			simplifyOption(),
			{
				displayName: 'Version',
				name: 'version',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2Yhx',
				description: 'Entity ID of an older version to download (see Get with Extended Info); single files only',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const property = (this.getNodeParameter('binaryPropertyName', i, 'data') as string).trim() || 'data';
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const extra = ([] as unknown[]).concat(options.additional ?? []).map((v) => String(v).trim()).filter(Boolean);
	const extraUris = extra.map((value) => {
		try {
			return toUri(value);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `"Also Include" has an invalid path: ${value}`, {
				itemIndex: i,
				description: error instanceof UriError ? error.message : 'Use a path such as /Reports/q2.pdf or a cloudreve:// URI.',
			});
		}
	});
	const info = await getFileInfo(client, { uri }, { itemIndex: i });
	const archive = info.type === 1 || extraUris.length > 0;
	const version = (options.version as string | undefined)?.trim() || undefined;
	if (archive && version) {
		throw new NodeOperationError(this.getNode(), 'Version applies to a single file only', {
			itemIndex: i,
			description: 'Remove the Version option to download a folder or several files as a zip archive.',
		});
	}
	const fileName = (options.fileName as string | undefined)?.trim() || (archive ? `${info.name || 'archive'}.zip` : info.name);
	const urls = await createDownloadUrl(client, { uris: [uri, ...extraUris], download: true, archive: archive || undefined, entity: version }, i);
	const url = urls.urls[0]?.url;
	if (!url) {
		throw new NodeOperationError(this.getNode(), 'Cloudreve returned no download URL', { itemIndex: i, description: 'The file may have no content yet (an unfinished upload).' });
	}
	const binary = await downloadUrlToBinary(this, client, url, fileName, i);
	const input = this.getInputData()[i];
	return {
		json: fileOutput(info, options.simplify !== false),
		binary: { ...(input?.binary ?? {}), [property]: binary },
	};
}
