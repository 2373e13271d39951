META
key;value
description;Cumulative fixture: three points per voter
budget;50
vote_type;cumulative
rule;greedy
max_sum_points;3
PROJECTS
project_id;cost;name;selected
A;30;Playground;1
B;25;Tree planting;0
C;20;Street lamps;1
VOTES
voter_id;vote;points
v1;A,B;2,1
v2;B;2
v3;A,C;1,2
v4;C,A;2,1
