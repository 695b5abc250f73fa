// The language server's entry point: a connection and the service that wires features onto it.
// Runs over stdio (`etcd-capacity-language-server --stdio`), IPC (VS Code) or a socket.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { EtcdCapacityLanguageService } from './protocol/languageService';

const connection = createConnection(ProposedFeatures.all);
new EtcdCapacityLanguageService(connection).listen();
