"""Page views: one module per page, each a pure function of the dataset and the page's settings.

A page script reads its widgets, calls its view once (through a typed, cached wrapper in
``indicators.pages.cached``) and renders the result. Charts come back as Vega-Lite specs
(plain dicts), so a cached view is drawn without building the chart again.
"""
