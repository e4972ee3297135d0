// Adapts the @nestjs/swagger compiler plugin to ts-jest's astTransformers interface,
// which expects a module exporting { name, version, factory }.
const { before } = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-plugin',
  // Bump to invalidate ts-jest's cache after changing the plugin or its options.
  version: 1,
  factory: (tsCompiler, options) => before(options, tsCompiler.program),
};
