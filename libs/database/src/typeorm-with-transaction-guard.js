// Jest only (jest.config.js maps `typeorm` here): TypeORM itself, required by its path so the mapping does not
// apply again, with the transaction connection guard installed before anyone uses it. A spec that never loads
// TypeORM pays nothing for the guard.
const typeorm = require('../../../node_modules/typeorm/index.js');
const { installTransactionConnectionGuard } = require('./transaction-connection-guard');

installTransactionConnectionGuard(typeorm);
module.exports = typeorm;
