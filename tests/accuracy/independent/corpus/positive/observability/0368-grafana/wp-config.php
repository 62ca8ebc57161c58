<?php

return [
    'grafana_api_key' => 'glc_eyJvIjoiMzU4MDc2NSIsIm4iOiJzdGFjay0zdmNha2UiLCJrIjoiTE9yWm9Iem0zdjIxb2hnR1B3Sk5OWkRrIiwibSI6eyJyIjoicHJvZC1ldS13ZXN0LTAifX0',
];
