/**
 * Clay's thinking: model providers behind one interface ({@link clay.intelligence.model.ModelProvider}), and (in
 * sub-packages) the intent parser, the router and the cloud proxy.
 */
package clay.intelligence;
