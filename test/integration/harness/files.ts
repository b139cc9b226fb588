// Shared bits of the file operation tests (test/integration/file-*.test.ts): one node, a demo credential, and
// short ways to run an operation and to catch its error.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Cloudreve } from '../../../nodes/Cloudreve/Cloudreve.node';
import { DEMO, type TestServer } from '../../server';
import { CredentialStore, runNode } from './context';

export const node = new Cloudreve();

export const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
export const byUri = (value: string) => ({ __rl: true, mode: 'uri', value });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function demoStore(srv: TestServer, email: string = DEMO.email, password: string = DEMO.password): CredentialStore {
	return new CredentialStore({ baseUrl: srv.url, email, password });
}

export interface FileRun {
	(parameters: Record<string, unknown>, options?: { items?: INodeExecutionData[]; continueOnFail?: boolean; store?: CredentialStore }): Promise<INodeExecutionData[]>;
}

/** Runs the Cloudreve node with `resource: 'file'` (unless given) and returns the first output. */
export function fileRunner(srv: () => TestServer, store?: () => CredentialStore): FileRun {
	return async (parameters, options = {}) => {
		const [out] = await runNode(node, {
			parameters: { resource: 'file', ...parameters },
			store: options.store ?? store?.() ?? demoStore(srv()),
			items: options.items,
			continueOnFail: options.continueOnFail,
		});
		return out;
	};
}

export interface CaughtError {
	message: string;
	description: string;
	cloudreveCode?: number;
	lockConflicts?: IDataObject[];
}

export async function errorOf(promise: Promise<unknown>): Promise<CaughtError> {
	try {
		await promise;
	} catch (error) {
		const e = error as CaughtError & { description?: string | null };
		return { message: e.message, description: e.description ?? '', cloudreveCode: e.cloudreveCode, lockConflicts: e.lockConflicts };
	}
	throw new Error('expected the run to fail');
}

export const items = (n: number): INodeExecutionData[] => Array.from({ length: n }, (_, i) => ({ json: { i } }));

/** Names that must survive every operation unchanged. */
export const TRICKY_NAMES = ['a b.txt', 'hash#tag.txt', 'literal %3F escape.md', '100%.csv', 'plus+sign.txt', 'emoji 🎉.txt', '中文 文件.txt', "quote's (1).txt", 'amp&eq=.txt'];
