META
key;value
description;Equal-shares fixture: a majority block and a minority
budget;12
vote_type;approval
rule;equalshares/add1
PROJECTS
project_id;cost;name
a;6;Majority project one
b;6;Majority project two
c;3;Minority project
VOTES
voter_id;vote
1;a,b
2;a,b
3;a,b
4;c
