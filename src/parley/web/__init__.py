"""Seeing parley's output: a self-contained HTML report per document (``render.report``) and a web
app over the store (``app.create_app``, run by ``parley serve``). Templates and static files live
beside this module and are our own; pages fetch nothing from the network."""
