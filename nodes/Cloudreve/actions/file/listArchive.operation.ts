import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listArchive } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['file'], operation: ['listArchive'] };

const ENCODINGS = [
	'big5', 'eucjp', 'euckr', 'gb18030', 'gbk', 'ibm866', 'iso2022jp', 'iso8859_10', 'iso8859_13', 'iso8859_14', 'iso8859_15',
	'iso8859_16', 'iso8859_2', 'iso8859_3', 'iso8859_4', 'iso8859_5', 'iso8859_6', 'iso8859_7', 'iso8859_8', 'iso8859_9', 'koi8r',
	'koi8u', 'macintosh', 'macintoshcyrillic', 'shiftjis', 'utf16be', 'utf16le', 'windows1250', 'windows1251', 'windows1252',
	'windows1253', 'windows1254', 'windows1255', 'windows1256', 'windows1257', 'windows1258', 'windows874',
];

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'Archive File',
		target: 'file',
		description: 'A .zip or .7z file. Listing needs the "archive task" group permission (administrators by default).',
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
			{
				displayName: 'File Name Encoding',
				name: 'textEncoding',
				type: 'options',
				default: '',
				options: [{ name: 'Automatic (UTF-8)', value: '' }, ...ENCODINGS.map((e) => ({ name: e.toUpperCase(), value: e }))],
				description: 'Character set of the names inside the archive, for archives made on systems that do not use UTF-8',
			},
			{
				displayName: 'Version ID',
				name: 'version',
				type: 'string',
				default: '',
				description: 'ID of an older version of the archive (see File → Get with Extended Info)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const entries = await listArchive(client, uri, {
		textEncoding: (options.textEncoding as string) || undefined,
		entity: String(options.version ?? '').trim() || undefined,
		itemIndex: i,
	});
	return entries.map((e) => ({
		json: { archive: uri, name: e.name, type: e.is_directory ? 'folder' : 'file', size: e.size, updated_at: e.updated_at },
	}));
}
