import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { extractArchive } from '../../../shared/api/tasks';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { splitList } from './common';
import { finishTaskOperation, waitProperties } from './wait';

const show = { resource: ['task'], operation: ['extractArchive'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'archive',
		displayName: 'Archive',
		target: 'file',
		description: 'The archive to extract: zip, 7z, rar, tar or a compressed tar (gz, bz2, xz)',
		displayOptions: { show },
	}),
	locatorProperty({
		name: 'destinationFolder',
		displayName: 'Destination Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The existing folder to extract into',
		displayOptions: { show },
	}),
	...waitProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name Encoding',
				name: 'encoding',
				type: 'string',
				default: '',
				placeholder: 'gbk',
				description: 'Character set of the names inside a zip or 7z archive made on a non-UTF-8 system, e.g. gbk, gb18030, big5, shiftjis, euckr, windows1252. Leave empty for UTF-8.',
			},
			{
				displayName: 'Only These Paths',
				name: 'fileMask',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'docs/report.pdf\nimages',
				description: 'Extract only these entries, one path inside the archive per line (a folder includes everything below it). Paths are as File → List Archive shows them. Empty extracts everything.',
			},
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Password of an encrypted rar or 7z archive (Cloudreve does not decrypt zip archives)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const archive = await readLocatorUri(this, client, 'archive', i);
	const dst = await readLocatorUri(this, client, 'destinationFolder', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const task = await extractArchive(client, archive, dst, {
		encoding: (options.encoding as string) || undefined,
		password: (options.password as string) || undefined,
		fileMask: splitList(options.fileMask, /\n/),
		itemIndex: i,
	});
	return await finishTaskOperation(this, client, [task], i);
}
