// What every integration test of the action node shares: one node instance, locator values, a signed-in demo
// credential, n8n's in-memory binary helpers, and a way to catch a run's error.
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Cloudreve } from '../../../nodes/Cloudreve/Cloudreve.node';
import { DEMO, type TestServer } from '../../server';
import { CredentialStore } from './context';

export const node = new Cloudreve();

export const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
export const byUri = (value: string) => ({ __rl: true, mode: 'uri', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function storeFor(srv: TestServer, email: string = DEMO.email, password: string = DEMO.password): CredentialStore {
	return new CredentialStore({ baseUrl: srv.url, authMode: 'password', email, password });
}

export const items = (n: number): INodeExecutionData[] => Array.from({ length: n }, (_, i) => ({ json: { i } }));

export interface CaughtError {
	message: string;
	description: string;
	cloudreveCode?: number;
	httpCode?: string;
	lockConflicts?: IDataObject[];
	kind: string;
	error: unknown;
}

export async function errorOf(promise: Promise<unknown>): Promise<CaughtError> {
	try {
		await promise;
	} catch (error) {
		const e = error as Omit<CaughtError, 'description'> & { description?: string | null; constructor: { name: string } };
		return {
			message: e.message,
			description: e.description ?? '',
			cloudreveCode: e.cloudreveCode,
			httpCode: e.httpCode,
			lockConflicts: e.lockConflicts,
			kind: e.constructor.name,
			error,
		};
	}
	throw new Error('expected the run to fail');
}

/** A binary item as n8n holds it without a binary store (base64 `data`). */
export function binaryItem(content: Buffer, fileName: string, mimeType = 'application/octet-stream'): INodeExecutionData {
	const data: IBinaryData = { data: content.toString('base64'), fileName, mimeType, fileSize: String(content.length) };
	return { json: {}, binary: { data } };
}

/** n8n's binary helpers over in-memory (base64) binaries, as in n8n's default mode. */
export function withMemoryBinaryHelpers(ctx: IExecuteFunctions, inputItems: INodeExecutionData[]): IExecuteFunctions {
	const helpers = ctx.helpers as unknown as Record<string, unknown>;
	const binaryOf = (itemIndex: number, name: string): IBinaryData => {
		const binary = inputItems[itemIndex]?.binary?.[name];
		if (!binary) {
			throw new NodeOperationError(ctx.getNode(), `This operation expects the node's input data to contain a binary file '${name}', but none was found`);
		}
		return binary;
	};
	helpers.prepareBinaryData = async (data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
		data: data.toString('base64'),
		mimeType: mimeType ?? 'application/octet-stream',
		fileName,
		fileSize: String(data.length),
	});
	helpers.assertBinaryData = binaryOf;
	helpers.getBinaryDataBuffer = async (itemIndex: number, name: string): Promise<Buffer> => Buffer.from(binaryOf(itemIndex, name).data, 'base64');
	return ctx;
}
