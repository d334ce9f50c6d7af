/* ckanext-enti form helpers.
 *
 * enti-bbox-map: draw the geographical coverage as a rectangle; the box is written as a GeoJSON
 *   polygon (WGS84 lon/lat) into the field's textarea, and a pasted GeoJSON is drawn back.
 * enti-geographic: the INSPIRE fields (data-enti-inspire) show only for geographic data.
 */
this.ckan.module('enti-bbox-map', function ($) {
  var PORTUGAL = [[29.9, -31.4], [42.2, -6.1]];
  return {
    options: { target: null, map_config: {} },
    initialize: function () {
      var input = $('#' + this.options.target);
      var container = this.el.find('.enti-bbox-map-container')[0];
      var map = ckan.commonLeafletMap(container, this.options.map_config || {}, { attributionControl: false });
      var drawn = new L.FeatureGroup().addTo(map);
      map.fitBounds(PORTUGAL);
      function show(text) {
        drawn.clearLayers();
        try {
          var layer = L.geoJson(JSON.parse(text));
          layer.eachLayer(function (l) { drawn.addLayer(l); });
          map.fitBounds(drawn.getBounds());
        } catch (e) { /* not GeoJSON (maybe WKT): leave the map alone */ }
      }
      if (input.val()) { show(input.val()); }
      new L.Control.Draw({
        draw: { polyline: false, polygon: false, circle: false, marker: false, circlemarker: false,
                rectangle: { shapeOptions: { color: '#0d6efd' } } },
        edit: false
      }).addTo(map);
      map.on('draw:created', function (e) {
        drawn.clearLayers();
        drawn.addLayer(e.layer);
        input.val(JSON.stringify(e.layer.toGeoJSON().geometry));
      });
      input.on('change', function () { show(input.val()); });
    }
  };
});

this.ckan.module('enti-geographic', function ($) {
  return {
    initialize: function () {
      var box = this.el.find('input[type=checkbox]');
      function toggle() {
        $('[data-enti-inspire]').closest('.form-group, .control-group, .mb-3').toggle(box.is(':checked'));
      }
      box.on('change', toggle);
      toggle();
    }
  };
});
